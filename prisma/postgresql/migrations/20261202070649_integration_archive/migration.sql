-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "archivedAt" TIMESTAMP(3);

