-- AlterTable
ALTER TABLE "KpiHour" ADD COLUMN "backlogAt" DATETIME;

