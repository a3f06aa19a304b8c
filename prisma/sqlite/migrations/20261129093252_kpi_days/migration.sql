-- CreateTable
CREATE TABLE "KpiDay" (
    "integrationId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
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
    "attemptSumMs" REAL NOT NULL DEFAULT 0,
    "openExceptions" INTEGER NOT NULL DEFAULT 0,
    "pendingDeliveries" INTEGER NOT NULL DEFAULT 0,
    "oldestPendingMs" REAL NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("integrationId", "day")
);

-- CreateIndex
CREATE INDEX "KpiDay_day_idx" ON "KpiDay"("day");

-- CreateIndex
CREATE INDEX "StageRun_stage_startedAt_idx" ON "StageRun"("stage", "startedAt");


-- Rebuild the rollups from the raw rows on the next worker pass, so whole days exist for history too.
DELETE FROM "KpiState" WHERE "id" = 'kpi-rollup';
