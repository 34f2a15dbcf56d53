-- CreateEnum
CREATE TYPE "MaxWaitOutcome" AS ENUM ('voicemail', 'callback');

-- AlterTable
ALTER TABLE "queues" ADD COLUMN     "aging_per_second" DOUBLE PRECISION NOT NULL DEFAULT 1,
ADD COLUMN     "max_wait_outcome" "MaxWaitOutcome" NOT NULL DEFAULT 'voicemail',
ADD COLUMN     "missed_offer_sets_not_ready" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "overflow" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "not_ready_reasons" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "not_ready_reasons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dispositions" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dispositions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "business_hours_calendars" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "weekly" JSONB NOT NULL DEFAULT '{}',
    "holidays" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "business_hours_calendars_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ivr_flows" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "published_version_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ivr_flows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ivr_flow_versions" (
    "id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ivr_flow_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ivr_entry_numbers" (
    "number" TEXT NOT NULL,
    "flow_id" UUID NOT NULL,

    CONSTRAINT "ivr_entry_numbers_pkey" PRIMARY KEY ("number")
);

-- CreateIndex
CREATE UNIQUE INDEX "not_ready_reasons_code_key" ON "not_ready_reasons"("code");

-- CreateIndex
CREATE UNIQUE INDEX "dispositions_code_key" ON "dispositions"("code");

-- CreateIndex
CREATE UNIQUE INDEX "business_hours_calendars_name_key" ON "business_hours_calendars"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ivr_flows_name_key" ON "ivr_flows"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ivr_flows_published_version_id_key" ON "ivr_flows"("published_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "ivr_flow_versions_flow_id_version_key" ON "ivr_flow_versions"("flow_id", "version");

-- CreateIndex
CREATE INDEX "ivr_entry_numbers_flow_id_idx" ON "ivr_entry_numbers"("flow_id");

-- AddForeignKey
ALTER TABLE "ivr_flows" ADD CONSTRAINT "ivr_flows_published_version_id_fkey" FOREIGN KEY ("published_version_id") REFERENCES "ivr_flow_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ivr_flow_versions" ADD CONSTRAINT "ivr_flow_versions_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "ivr_flows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ivr_entry_numbers" ADD CONSTRAINT "ivr_entry_numbers_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "ivr_flows"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- Hand-written below (Prisma has no triggers or seed rows).

-- A saved flow version is what a call ran: it never changes, a change is a new version.
CREATE FUNCTION refuse_update_of_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rows of % are immutable: UPDATE refused', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER ivr_flow_versions_immutable
  BEFORE UPDATE ON "ivr_flow_versions"
  FOR EACH ROW EXECUTE FUNCTION refuse_update_of_immutable();

-- Every install starts with the not-ready reasons agents had before they were editable,
-- and a default set of dispositions; administrators change both through the API.
INSERT INTO "not_ready_reasons" ("id", "code", "label") VALUES
  (gen_random_uuid(), 'break', 'Break'),
  (gen_random_uuid(), 'lunch', 'Lunch'),
  (gen_random_uuid(), 'meeting', 'Meeting'),
  (gen_random_uuid(), 'training', 'Training'),
  (gen_random_uuid(), 'other', 'Other');

INSERT INTO "dispositions" ("id", "code", "label") VALUES
  (gen_random_uuid(), 'resolved', 'Resolved'),
  (gen_random_uuid(), 'follow-up', 'Follow-up needed'),
  (gen_random_uuid(), 'escalated', 'Escalated'),
  (gen_random_uuid(), 'sale', 'Sale made'),
  (gen_random_uuid(), 'no-answer', 'No answer'),
  (gen_random_uuid(), 'wrong-number', 'Wrong number'),
  (gen_random_uuid(), 'callback-scheduled', 'Callback scheduled');
