-- CreateTable
CREATE TABLE "KpiHour" (
    "integrationId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
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
    "openExceptions" INTEGER NOT NULL DEFAULT 0,
    "pendingDeliveries" INTEGER NOT NULL DEFAULT 0,
    "oldestPendingMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KpiHour_pkey" PRIMARY KEY ("integrationId","hour")
);

-- CreateTable
CREATE TABLE "KpiState" (
    "id" TEXT NOT NULL,
    "watermark" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KpiState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "message" TEXT NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "lastEvaluatedAt" TIMESTAMP(3) NOT NULL,
    "openKey" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
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

