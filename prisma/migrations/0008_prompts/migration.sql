-- CreateEnum
CREATE TYPE "PromptKind" AS ENUM ('wav', 'speech');

-- CreateTable
CREATE TABLE "prompts" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PromptKind" NOT NULL,
    "text" TEXT,
    "language" TEXT,
    "file_name" TEXT,
    "bytes" INTEGER NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prompts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "prompts_name_key" ON "prompts"("name");

-- AddForeignKey
ALTER TABLE "prompts" ADD CONSTRAINT "prompts_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

