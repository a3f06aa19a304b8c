// PostgreSQL refuses a second event with the same (integration, idempotency key) through "EventKey": the events
// table is partitioned by day and cannot hold that unique index (lib/db/partitions.ts). The hot path writes keys in
// its arrival statement; the few other writers of events (reconciliation, archive restore, the demo's history, the
// bench's seeder) and changers of keys (erasure, record purges) keep them here. On SQLite the unique index on
// "Event" does it all, and these are no-ops.
import type { DbTx } from "./client";
import type { Provider } from "./database-url";

export interface EventKey {
  integrationId: string;
  idempotencyKey: string;
  eventId: string;
}

/** Record the keys of events written outside the hot path (a key already held is left to its event). */
export async function recordEventKeys(db: DbTx, provider: Provider, keys: readonly EventKey[]): Promise<void> {
  if (provider !== "postgresql" || !keys.length) return;
  await db.$executeRawUnsafe(
    `INSERT INTO "EventKey" ("integrationId","idempotencyKey","eventId")
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
    keys.map((k) => k.integrationId),
    keys.map((k) => k.idempotencyKey),
    keys.map((k) => k.eventId),
  );
}

/** An event's key changed (erasure keeps it hashed): the dedupe entry follows. */
export async function renameEventKey(db: DbTx, provider: Provider, key: EventKey, to: string): Promise<void> {
  if (provider !== "postgresql" || key.idempotencyKey === to) return;
  await db.$executeRawUnsafe(
    `UPDATE "EventKey" SET "idempotencyKey" = $4 WHERE "integrationId" = $1 AND "idempotencyKey" = $2 AND "eventId" = $3`,
    key.integrationId,
    key.idempotencyKey,
    key.eventId,
    to,
  );
}

/** SQL (PostgreSQL) removing the keys of the events `events` selects (a subquery giving id, integrationId and
 * idempotencyKey): a record removed is no longer a duplicate's original. */
export const forgetKeysSql = (events: string) =>
  `DELETE FROM "EventKey" k USING (${events}) e
    WHERE k."integrationId" = e."integrationId" AND k."idempotencyKey" = e."idempotencyKey" AND k."eventId" = e."id"`;
