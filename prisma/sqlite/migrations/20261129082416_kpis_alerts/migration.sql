-- CreateTable
CREATE TABLE "KpiHour" (
    "integrationId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
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

    PRIMARY KEY ("integrationId", "hour")
);

-- CreateTable
CREATE TABLE "KpiState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "watermark" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "integrationId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "value" REAL,
    "threshold" REAL,
    "message" TEXT NOT NULL,
    "firedAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    "acknowledgedById" TEXT,
    "resolvedAt" DATETIME,
    "lastEvaluatedAt" DATETIME NOT NULL,
    "openKey" TEXT
);

-- CreateIndex
CREATE INDEX "KpiHour_hour_idx" ON "KpiHour"("hour");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_openKey_key" ON "Alert"("openKey");

-- CreateIndex
CREATE INDEX "Alert_status_firedAt_id_idx" ON "Alert"("status", "firedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Alert_integrationId_firedAt_idx" ON "Alert"("integrationId", "firedAt" DESC);

-- CreateIndex
CREATE INDEX "Event_updatedAt_idx" ON "Event"("updatedAt");

-- CreateIndex
CREATE INDEX "DuplicateArrival_receivedAt_idx" ON "DuplicateArrival"("receivedAt");

-- CreateIndex
CREATE INDEX "Exception_resolvedAt_idx" ON "Exception"("resolvedAt");

-- CreateIndex
CREATE INDEX "Exception_openedAt_idx" ON "Exception"("openedAt");

