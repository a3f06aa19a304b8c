-- CreateTable
CREATE TABLE "KpiSlice" (
    "integrationId" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "received" INTEGER NOT NULL DEFAULT 0,
    "exceptionEvents" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "firstFailed" INTEGER NOT NULL DEFAULT 0,
    "autoRecovered" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "lagHist" JSONB,
    "recoveries" INTEGER NOT NULL DEFAULT 0,
    "recoveryHist" JSONB,
    "manual" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "attemptBuckets" JSONB,
    "attemptSumMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KpiSlice_pkey" PRIMARY KEY ("integrationId","minute")
);

-- CreateIndex
CREATE INDEX "KpiSlice_minute_idx" ON "KpiSlice"("minute");

