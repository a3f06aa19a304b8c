-- AlterTable
ALTER TABLE "PersonalAccessToken" ADD COLUMN "expiresAt" DATETIME;

