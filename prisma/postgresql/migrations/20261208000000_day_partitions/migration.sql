-- Events and the rows that belong to them (stages, duplicate arrivals, replays) are partitioned by the UTC day of the
-- event's arrival, on the event's id (it begins with that time in base 36, see lib/db/partitions.ts), so that expiring
-- a day drops its partitions instead of deleting rows. Written by hand: Prisma does not describe partitions.
-- (No semicolons inside statements or comments here: the driver adapter splits the script on every one, so no
-- PL/pgSQL block either, which is why the four tables' steps are written out one by one.)
--
-- What changes:
-- * A partitioned table's unique indexes must contain its partition key, so (integrationId, idempotencyKey) can no
--   longer be unique on "Event": duplicates are refused by "EventKey" instead (one row per key, not partitioned).
-- * Foreign keys to "Event" are dropped (a partition could not be dropped while they stand). The stages, arrivals
--   and replays of an event live in the same day as the event and go with it, and its exceptions are removed with it.
-- * The rows stored so far become each table's "_legacy" partition (everything up to the end of today, UTC, or
--   nothing in a new store), kept and expired by batched deletes as before. A "_default" partition takes ids outside every day (none, normally).
--   The worker and `npm run migrate` create the partitions of the days ahead.
-- Time: one copy of the keys, one scan of each table to check its range, the primary keys of the three child tables
-- rebuilt as (id, eventId). Minutes for millions of events, during which ingest waits (docs/OPERATIONS.md).

CREATE TABLE "EventKey" (
    "integrationId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    CONSTRAINT "EventKey_pkey" PRIMARY KEY ("integrationId", "idempotencyKey")
);
INSERT INTO "EventKey" ("integrationId", "idempotencyKey", "eventId")
    SELECT "integrationId", "idempotencyKey", "id" FROM "Event";

ALTER TABLE "StageRun" DROP CONSTRAINT "StageRun_eventId_fkey";
ALTER TABLE "DuplicateArrival" DROP CONSTRAINT "DuplicateArrival_eventId_fkey";
ALTER TABLE "EventReplay" DROP CONSTRAINT "EventReplay_eventId_fkey";
ALTER TABLE "Exception" DROP CONSTRAINT "Exception_eventId_fkey";
ALTER TABLE "Event" DROP CONSTRAINT "Event_integrationId_fkey";
ALTER TABLE "Event" DROP CONSTRAINT "Event_contractVersionId_fkey";
DROP INDEX "Event_integrationId_idempotencyKey_key";
CREATE INDEX "Event_integrationId_idempotencyKey_idx" ON "Event"("integrationId", "idempotencyKey");

-- Where the legacy partitions end: the first id of tomorrow (UTC), "c" and the time in milliseconds in base 36, eight
-- digits, or, for a store without events, before any id (every day then gets partitions of its own). Fixed once.
CREATE TEMP TABLE "sbx_bound" AS
    SELECT CASE WHEN EXISTS (SELECT 1 FROM "Event") THEN 'c' || string_agg(substr('0123456789abcdefghijklmnopqrstuvwxyz',
                  ((ms / power(36::numeric, p)::bigint) % 36)::int + 1, 1), '' ORDER BY p DESC) ELSE 'c00000000' END AS "b"
    FROM (SELECT (extract(epoch FROM date_trunc('day', now() AT TIME ZONE 'UTC') + interval '1 day') * 1000)::bigint AS ms) t,
         generate_series(0, 7) AS p;
CREATE FUNCTION pg_temp.sbx_bound() RETURNS text LANGUAGE sql STABLE AS $$ SELECT "b" FROM "sbx_bound" $$;

-- "Event": partitioned by "id".
ALTER TABLE "Event" RENAME TO "Event_legacy";
ALTER TABLE "Event_legacy" RENAME CONSTRAINT "Event_pkey" TO "Event_legacy_pkey";
ALTER INDEX "Event_payload_kept_idx" RENAME TO "Event_legacy_payload_kept_idx";
ALTER INDEX "Event_integrationId_receivedAt_id_idx" RENAME TO "Event_legacy_integrationId_receivedAt_id_idx";
ALTER INDEX "Event_receivedAt_id_idx" RENAME TO "Event_legacy_receivedAt_id_idx";
ALTER INDEX "Event_status_receivedAt_id_idx" RENAME TO "Event_legacy_status_receivedAt_id_idx";
ALTER INDEX "Event_correlationId_idx" RENAME TO "Event_legacy_correlationId_idx";
ALTER INDEX "Event_integrationId_entityKey_idx" RENAME TO "Event_legacy_integrationId_entityKey_idx";
ALTER INDEX "Event_integrationId_idempotencyKey_idx" RENAME TO "Event_legacy_integrationId_idempotencyKey_idx";
ALTER INDEX "Event_integrationId_targetId_idx" RENAME TO "Event_legacy_integrationId_targetId_idx";
ALTER INDEX "Event_updatedAt_idx" RENAME TO "Event_legacy_updatedAt_idx";
CREATE TABLE "Event" (LIKE "Event_legacy" INCLUDING DEFAULTS INCLUDING STORAGE) PARTITION BY RANGE ("id");
CREATE TABLE "Event_default" PARTITION OF "Event" DEFAULT;
INSERT INTO "Event" SELECT * FROM "Event_legacy" WHERE "id" >= pg_temp.sbx_bound();
DELETE FROM "Event_legacy" WHERE "id" >= pg_temp.sbx_bound();
ALTER TABLE "Event" ATTACH PARTITION "Event_legacy" FOR VALUES FROM (MINVALUE) TO (pg_temp.sbx_bound());
ALTER TABLE "Event" ADD CONSTRAINT "Event_pkey" PRIMARY KEY ("id");
CREATE INDEX "Event_payload_kept_idx" ON "Event" ("integrationId", "receivedAt") WHERE ("payloadExpiredAt" IS NULL);
CREATE INDEX "Event_integrationId_receivedAt_id_idx" ON "Event" ("integrationId", "receivedAt" DESC, "id" DESC);
CREATE INDEX "Event_receivedAt_id_idx" ON "Event" ("receivedAt" DESC, "id" DESC);
CREATE INDEX "Event_status_receivedAt_id_idx" ON "Event" ("status", "receivedAt" DESC, "id" DESC);
CREATE INDEX "Event_correlationId_idx" ON "Event" ("correlationId");
CREATE INDEX "Event_integrationId_entityKey_idx" ON "Event" ("integrationId", "entityKey");
CREATE INDEX "Event_integrationId_idempotencyKey_idx" ON "Event" ("integrationId", "idempotencyKey");
CREATE INDEX "Event_integrationId_targetId_idx" ON "Event" ("integrationId", "targetId");
CREATE INDEX "Event_updatedAt_idx" ON "Event" ("updatedAt");

-- "StageRun": partitioned by "eventId".
ALTER TABLE "StageRun" RENAME TO "StageRun_legacy";
ALTER TABLE "StageRun_legacy" RENAME CONSTRAINT "StageRun_pkey" TO "StageRun_legacy_pkey";
DROP INDEX "StageRun_eventId_startedAt_idx";
ALTER INDEX "StageRun_stage_startedAt_idx" RENAME TO "StageRun_legacy_stage_startedAt_idx";
ALTER TABLE "StageRun_legacy" DROP CONSTRAINT "StageRun_legacy_pkey";
CREATE TABLE "StageRun" (LIKE "StageRun_legacy" INCLUDING DEFAULTS INCLUDING STORAGE) PARTITION BY RANGE ("eventId");
CREATE TABLE "StageRun_default" PARTITION OF "StageRun" DEFAULT;
INSERT INTO "StageRun" SELECT * FROM "StageRun_legacy" WHERE "eventId" >= pg_temp.sbx_bound();
DELETE FROM "StageRun_legacy" WHERE "eventId" >= pg_temp.sbx_bound();
ALTER TABLE "StageRun" ATTACH PARTITION "StageRun_legacy" FOR VALUES FROM (MINVALUE) TO (pg_temp.sbx_bound());
ALTER TABLE "StageRun" ADD CONSTRAINT "StageRun_pkey" PRIMARY KEY ("eventId", "id");
CREATE INDEX "StageRun_stage_startedAt_idx" ON "StageRun" ("stage", "startedAt");

-- "DuplicateArrival": partitioned by "eventId".
ALTER TABLE "DuplicateArrival" RENAME TO "DuplicateArrival_legacy";
ALTER TABLE "DuplicateArrival_legacy" RENAME CONSTRAINT "DuplicateArrival_pkey" TO "DuplicateArrival_legacy_pkey";
ALTER INDEX "DuplicateArrival_receivedAt_idx" RENAME TO "DuplicateArrival_legacy_receivedAt_idx";
DROP INDEX "DuplicateArrival_eventId_receivedAt_idx";
ALTER INDEX "DuplicateArrival_integrationId_receivedAt_idx" RENAME TO "DuplicateArrival_legacy_integrationId_receivedAt_idx";
ALTER TABLE "DuplicateArrival_legacy" DROP CONSTRAINT "DuplicateArrival_legacy_pkey";
CREATE TABLE "DuplicateArrival" (LIKE "DuplicateArrival_legacy" INCLUDING DEFAULTS INCLUDING STORAGE) PARTITION BY RANGE ("eventId");
CREATE TABLE "DuplicateArrival_default" PARTITION OF "DuplicateArrival" DEFAULT;
INSERT INTO "DuplicateArrival" SELECT * FROM "DuplicateArrival_legacy" WHERE "eventId" >= pg_temp.sbx_bound();
DELETE FROM "DuplicateArrival_legacy" WHERE "eventId" >= pg_temp.sbx_bound();
ALTER TABLE "DuplicateArrival" ATTACH PARTITION "DuplicateArrival_legacy" FOR VALUES FROM (MINVALUE) TO (pg_temp.sbx_bound());
ALTER TABLE "DuplicateArrival" ADD CONSTRAINT "DuplicateArrival_pkey" PRIMARY KEY ("eventId", "id");
CREATE INDEX "DuplicateArrival_receivedAt_idx" ON "DuplicateArrival" ("receivedAt");
CREATE INDEX "DuplicateArrival_integrationId_receivedAt_idx" ON "DuplicateArrival" ("integrationId", "receivedAt");

-- "EventReplay": partitioned by "eventId".
ALTER TABLE "EventReplay" RENAME TO "EventReplay_legacy";
ALTER TABLE "EventReplay_legacy" RENAME CONSTRAINT "EventReplay_pkey" TO "EventReplay_legacy_pkey";
DROP INDEX "EventReplay_eventId_createdAt_idx";
ALTER TABLE "EventReplay_legacy" DROP CONSTRAINT "EventReplay_legacy_pkey";
CREATE TABLE "EventReplay" (LIKE "EventReplay_legacy" INCLUDING DEFAULTS INCLUDING STORAGE) PARTITION BY RANGE ("eventId");
CREATE TABLE "EventReplay_default" PARTITION OF "EventReplay" DEFAULT;
INSERT INTO "EventReplay" SELECT * FROM "EventReplay_legacy" WHERE "eventId" >= pg_temp.sbx_bound();
DELETE FROM "EventReplay_legacy" WHERE "eventId" >= pg_temp.sbx_bound();
ALTER TABLE "EventReplay" ATTACH PARTITION "EventReplay_legacy" FOR VALUES FROM (MINVALUE) TO (pg_temp.sbx_bound());
ALTER TABLE "EventReplay" ADD CONSTRAINT "EventReplay_pkey" PRIMARY KEY ("eventId", "id");

ALTER TABLE "Event" ADD CONSTRAINT "Event_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Event" ADD CONSTRAINT "Event_contractVersionId_fkey" FOREIGN KEY ("contractVersionId") REFERENCES "ContractVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
DROP TABLE "sbx_bound";
