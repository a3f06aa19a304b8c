-- CreateIndex
CREATE INDEX "Event_integrationId_targetId_idx" ON "Event"("integrationId", "targetId");

