-- AlterTable
ALTER TABLE "Integration" ADD COLUMN "archivedAt" DATETIME;

