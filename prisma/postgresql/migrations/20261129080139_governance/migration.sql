-- AlterTable
ALTER TABLE "ContractVersion" ADD COLUMN     "selfTestResult" JSONB,
ADD COLUMN     "selfTestedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ReadinessConfirmation" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "check" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReadinessConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reconciliation" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "periodFrom" TIMESTAMP(3) NOT NULL,
    "periodTo" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "sourceCount" INTEGER NOT NULL DEFAULT 0,
    "targetCount" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Reconciliation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationItem" (
    "id" TEXT NOT NULL,
    "reconciliationId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "otherId" TEXT,

    CONSTRAINT "ReconciliationItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationFinding" (
    "id" TEXT NOT NULL,
    "reconciliationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sourceId" TEXT,
    "targetId" TEXT,
    "eventId" TEXT,
    "detail" TEXT NOT NULL DEFAULT '',
    "exceptionId" TEXT,

    CONSTRAINT "ReconciliationFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReadinessConfirmation_integrationId_check_key" ON "ReadinessConfirmation"("integrationId", "check");

-- CreateIndex
CREATE INDEX "Reconciliation_integrationId_createdAt_idx" ON "Reconciliation"("integrationId", "createdAt");

-- CreateIndex
CREATE INDEX "ReconciliationItem_reconciliationId_side_otherId_idx" ON "ReconciliationItem"("reconciliationId", "side", "otherId");

-- CreateIndex
CREATE UNIQUE INDEX "ReconciliationItem_reconciliationId_side_externalId_key" ON "ReconciliationItem"("reconciliationId", "side", "externalId");

-- CreateIndex
CREATE INDEX "ReconciliationFinding_reconciliationId_kind_id_idx" ON "ReconciliationFinding"("reconciliationId", "kind", "id");

-- AddForeignKey
ALTER TABLE "ReadinessConfirmation" ADD CONSTRAINT "ReadinessConfirmation_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reconciliation" ADD CONSTRAINT "Reconciliation_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationItem" ADD CONSTRAINT "ReconciliationItem_reconciliationId_fkey" FOREIGN KEY ("reconciliationId") REFERENCES "Reconciliation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_reconciliationId_fkey" FOREIGN KEY ("reconciliationId") REFERENCES "Reconciliation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

