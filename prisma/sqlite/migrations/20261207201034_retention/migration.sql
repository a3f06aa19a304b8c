-- AlterTable (ADD COLUMN, not Prisma's table copy: instant on a large store)
ALTER TABLE "Event" ADD COLUMN "legalHold" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Event" ADD COLUMN "payloadExpiredAt" DATETIME;
