-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "legalHold" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "payloadExpiredAt" TIMESTAMP(3);

