-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "erasedAt" TIMESTAMP(3);

