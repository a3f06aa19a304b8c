-- The retention pass looks for an integration's oldest events whose payloads are still there. Events whose payloads
-- expired stay for months (until their record lifetime): a partial index skips them instead of walking past them.
-- Not in the Prisma models (partial indexes cannot be declared there), so written here for both stores.
CREATE INDEX "Event_payload_kept_idx" ON "Event"("integrationId", "receivedAt") WHERE "payloadExpiredAt" IS NULL;
