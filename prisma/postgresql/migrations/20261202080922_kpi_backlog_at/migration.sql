-- AlterTable
ALTER TABLE "KpiHour" ADD COLUMN     "backlogAt" TIMESTAMP(3);

