-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "lastSignInAt" DATETIME
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PersonalAccessToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "PersonalAccessToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Integration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "lifecycle" TEXT NOT NULL DEFAULT 'draft',
    "sourceSystem" TEXT NOT NULL,
    "targetSystem" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "destination" JSONB,
    "replayWebhook" JSONB,
    "notificationWebhook" TEXT,
    "retryPolicy" JSONB NOT NULL,
    "rateLimit" JSONB NOT NULL,
    "slaMinutes" INTEGER NOT NULL DEFAULT 240,
    "alertThresholds" JSONB,
    "runbook" TEXT NOT NULL DEFAULT '',
    "manualFallback" TEXT NOT NULL DEFAULT '',
    "ownerLogicId" TEXT,
    "ownerDataQualityId" TEXT,
    "ownerIncidentId" TEXT,
    "ownerTriageId" TEXT,
    "liveAt" DATETIME,
    "pausedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Integration_ownerLogicId_fkey" FOREIGN KEY ("ownerLogicId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Integration_ownerDataQualityId_fkey" FOREIGN KEY ("ownerDataQualityId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Integration_ownerIncidentId_fkey" FOREIGN KEY ("ownerIncidentId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Integration_ownerTriageId_fkey" FOREIGN KEY ("ownerTriageId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContractVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "integrationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "schema" JSONB NOT NULL,
    "idempotencyKeyPaths" JSONB NOT NULL,
    "requireIdempotencyKey" BOOLEAN NOT NULL DEFAULT false,
    "entityKeyPath" TEXT,
    "versionPath" TEXT,
    "mapping" JSONB,
    "sourceOfTruth" JSONB NOT NULL,
    "idStrategy" JSONB,
    "diff" JSONB,
    "note" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT,
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ContractVersion_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DriftCount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contractVersionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "example" JSONB,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    CONSTRAINT "DriftCount_contractVersionId_fkey" FOREIGN KEY ("contractVersionId") REFERENCES "ContractVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IntegrationKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "integrationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "IntegrationKey_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SigningSecret" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "integrationId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME,
    CONSTRAINT "SigningSecret_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "integrationId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "correlationId" TEXT NOT NULL,
    "traceId" TEXT,
    "entityKey" TEXT,
    "entityVersion" TEXT,
    "payload" JSONB NOT NULL,
    "deliveryPayload" JSONB,
    "status" TEXT NOT NULL,
    "outcome" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "duplicateCount" INTEGER NOT NULL DEFAULT 0,
    "conflictCount" INTEGER NOT NULL DEFAULT 0,
    "contractVersionId" TEXT,
    "source" TEXT NOT NULL DEFAULT 'relay',
    "occurredAt" DATETIME,
    "receivedAt" DATETIME NOT NULL,
    "firstFailedAt" DATETIME,
    "completedAt" DATETIME,
    "targetId" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Event_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_contractVersionId_fkey" FOREIGN KEY ("contractVersionId") REFERENCES "ContractVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StageRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "durationMs" INTEGER,
    "errorCategory" TEXT,
    "error" TEXT,
    "responseStatus" INTEGER,
    "detail" JSONB,
    CONSTRAINT "StageRun_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DuplicateArrival" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "payload" JSONB,
    "receivedAt" DATETIME NOT NULL,
    CONSTRAINT "DuplicateArrival_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventReplay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "deliveryPayload" JSONB,
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "EventReplay_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EntityVersion" (
    "integrationId" TEXT NOT NULL,
    "entityKey" TEXT NOT NULL,
    "version" REAL NOT NULL,
    "eventId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("integrationId", "entityKey"),
    CONSTRAINT "EntityVersion_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Exception" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'open',
    "assigneeId" TEXT,
    "openedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "escalatedAt" DATETIME,
    "escalatedToId" TEXT,
    "resolvedAt" DATETIME,
    "resolution" TEXT,
    "note" TEXT,
    "openForEventId" TEXT,
    CONSTRAINT "Exception_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Exception_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Exception_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Exception_escalatedToId_fkey" FOREIGN KEY ("escalatedToId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "reason" TEXT,
    "before" JSONB,
    "after" JSONB
);

-- CreateTable
CREATE TABLE "QueueJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "integrationId" TEXT,
    "eventId" TEXT,
    "dedupeKey" TEXT,
    "payload" JSONB,
    "runAt" DATETIME NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "QueueJob_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BulkJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "action" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "params" JSONB,
    "createdById" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "BulkJobItem" (
    "jobId" TEXT NOT NULL,
    "exceptionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "message" TEXT,

    PRIMARY KEY ("jobId", "exceptionId"),
    CONSTRAINT "BulkJobItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "BulkJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "PersonalAccessToken_tokenHash_key" ON "PersonalAccessToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PersonalAccessToken_userId_createdAt_idx" ON "PersonalAccessToken"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Integration_slug_key" ON "Integration"("slug");

-- CreateIndex
CREATE INDEX "ContractVersion_integrationId_status_idx" ON "ContractVersion"("integrationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ContractVersion_integrationId_version_key" ON "ContractVersion"("integrationId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "DriftCount_contractVersionId_kind_path_key" ON "DriftCount"("contractVersionId", "kind", "path");

-- CreateIndex
CREATE UNIQUE INDEX "IntegrationKey_keyHash_key" ON "IntegrationKey"("keyHash");

-- CreateIndex
CREATE INDEX "IntegrationKey_integrationId_idx" ON "IntegrationKey"("integrationId");

-- CreateIndex
CREATE INDEX "SigningSecret_integrationId_purpose_idx" ON "SigningSecret"("integrationId", "purpose");

-- CreateIndex
CREATE INDEX "Event_integrationId_receivedAt_id_idx" ON "Event"("integrationId", "receivedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Event_receivedAt_id_idx" ON "Event"("receivedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Event_status_receivedAt_id_idx" ON "Event"("status", "receivedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Event_correlationId_idx" ON "Event"("correlationId");

-- CreateIndex
CREATE INDEX "Event_integrationId_entityKey_idx" ON "Event"("integrationId", "entityKey");

-- CreateIndex
CREATE UNIQUE INDEX "Event_integrationId_idempotencyKey_key" ON "Event"("integrationId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "StageRun_eventId_startedAt_idx" ON "StageRun"("eventId", "startedAt");

-- CreateIndex
CREATE INDEX "DuplicateArrival_eventId_receivedAt_idx" ON "DuplicateArrival"("eventId", "receivedAt");

-- CreateIndex
CREATE INDEX "DuplicateArrival_integrationId_receivedAt_idx" ON "DuplicateArrival"("integrationId", "receivedAt");

-- CreateIndex
CREATE INDEX "EventReplay_eventId_createdAt_idx" ON "EventReplay"("eventId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Exception_openForEventId_key" ON "Exception"("openForEventId");

-- CreateIndex
CREATE INDEX "Exception_status_openedAt_id_idx" ON "Exception"("status", "openedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Exception_assigneeId_status_idx" ON "Exception"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "Exception_integrationId_status_idx" ON "Exception"("integrationId", "status");

-- CreateIndex
CREATE INDEX "Exception_status_dueAt_idx" ON "Exception"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Exception_eventId_idx" ON "Exception"("eventId");

-- CreateIndex
CREATE INDEX "AuditEntry_at_id_idx" ON "AuditEntry"("at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEntry_objectType_objectId_at_idx" ON "AuditEntry"("objectType", "objectId", "at" DESC);

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_at_idx" ON "AuditEntry"("actorId", "at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "QueueJob_dedupeKey_key" ON "QueueJob"("dedupeKey");

-- CreateIndex
CREATE INDEX "QueueJob_runAt_idx" ON "QueueJob"("runAt");

-- CreateIndex
CREATE INDEX "QueueJob_integrationId_idx" ON "QueueJob"("integrationId");

-- CreateIndex
CREATE INDEX "BulkJob_createdAt_idx" ON "BulkJob"("createdAt");

-- CreateIndex
CREATE INDEX "BulkJobItem_jobId_status_idx" ON "BulkJobItem"("jobId", "status");

