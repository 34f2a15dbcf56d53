-- AlterTable
ALTER TABLE "queues" ADD COLUMN     "announce_every_seconds" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "announce_first_after_seconds" INTEGER DEFAULT 20;

-- CreateTable
CREATE TABLE "agent_state_events" (
    "id" BIGSERIAL NOT NULL,
    "agent_id" UUID NOT NULL,
    "from_state" TEXT NOT NULL,
    "to_state" TEXT NOT NULL,
    "reason" TEXT,
    "cause" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agent_state_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agent_state_events_agent_id_at_idx" ON "agent_state_events"("agent_id", "at");

-- CreateIndex
CREATE INDEX "agent_state_events_at_idx" ON "agent_state_events"("at");

-- AddForeignKey
ALTER TABLE "agent_state_events" ADD CONSTRAINT "agent_state_events_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Agent state changes are append-only like call events (hand-written: Prisma has no triggers).
CREATE TRIGGER agent_state_events_append_only
  BEFORE UPDATE OR DELETE ON "agent_state_events"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();
