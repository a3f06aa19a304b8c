-- AlterTable
ALTER TABLE "PersonalAccessToken" ADD COLUMN     "expiresAt" TIMESTAMP(3);

