-- AlterTable
ALTER TABLE "Integration" ADD COLUMN "erasedAt" DATETIME;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN "erasedAt" DATETIME;

