-- The call log (issue 4): the calls row carries every scalar of the call record, its lists
-- as JSON (`detail`), and the queues it visited for the queue filter; newest-first paging
-- walks (started_at, id). Produced by `npm run db:diff -- call_log`.

-- DropIndex
DROP INDEX "calls_started_at_idx";

-- AlterTable
ALTER TABLE "calls" ADD COLUMN     "detail" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "end_detail" TEXT,
ADD COLUMN     "entry_point" TEXT,
ADD COLUMN     "handle_seconds" DOUBLE PRECISION,
ADD COLUMN     "queue_ids" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "wait_outcome" TEXT;

-- CreateIndex
CREATE INDEX "calls_started_at_id_idx" ON "calls"("started_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "calls_queue_ids_idx" ON "calls" USING GIN ("queue_ids");

-- CreateIndex
CREATE INDEX "call_agents_agent_id_idx" ON "call_agents"("agent_id");

