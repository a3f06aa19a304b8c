// The hot paths on PostgreSQL, straight through node-postgres (no ORM): an
// arrival is one statement (or one short transaction with a version guard:
// pg-arrivals.ts), a delivered or retried attempt one statement. Times go in and out as UTC.
import type pg from "pg";
import type { QueueJob } from "@/lib/core/delivery/types";
import type { ArrivalResult, HotPaths } from "@/lib/core/ports";
import { CONTRACT_COLUMNS, contractFrom, EVENT_COLUMNS, eventFrom, integrationFrom, keyFrom } from "./rows";
import type { ContractVersion } from "@/lib/core/contracts/types";
import type { Integration } from "@/lib/core/integrations/types";
import type { KeyRecord } from "@/lib/core/ports";
import { ConfigCache, listenForConfigChanges } from "../config-cache";
import { GroupCommit, type GroupCommitOptions } from "./group-commit";
import { writeArrivals, type Arriving } from "./pg-arrivals";
import { insertStages, read, rowsFrom, stageRows, T, ts, type Column } from "./pg-sql";

/** Plain reads off the pool (outside any transaction), times as UTC: the KPI dashboard's rollup rows. */
export const pgReader = (pool: pg.Pool) => async (text: string, values: unknown[]) =>
  (await read<Record<string, unknown>>(pool, text, values)).rows;

const CONTRACT_SELECT = CONTRACT_COLUMNS.map((c) => `c."${c}" AS "c_${c}"`).join(", ");
const EVENT_SELECT = EVENT_COLUMNS.map((c) => `e."${c}" AS "e_${c}"`).join(", ");

type RawJob = {
  id: string;
  kind: string;
  integrationId: string | null;
  eventId: string | null;
  payload: unknown;
  runAt: Date;
  attempt: number;
  lockedBy: string | null;
  lockedUntil: Date | null;
};

type Delivered = Parameters<HotPaths["finishDelivered"]>[0];

const DELIVERED: readonly Column[] = [
  ["jobId", "text"],
  ["workerId", "text"],
  ["eventId", "text"],
  ["attempt", "int"],
  ["at", "timestamp"],
  ["targetId", "text"],
  ["succeeded", "boolean"],
];

/**
 * Delivered (or handed over) attempts, any number, in one statement: each job is deleted only while this worker
 * still holds it, and only then is its event moved on and its stage written.
 * @returns per attempt, whether the lease was still held
 */
async function finishDelivered(pool: pg.Pool, items: Delivered[]): Promise<boolean[]> {
  const params: unknown[] = [];
  const delivered = rowsFrom(
    DELIVERED,
    items.map((a) => [a.jobId, a.workerId, a.eventId, a.attempt, T(a.at), a.targetId, a.succeeded]),
    params,
  );
  const stages = items.flatMap((a) => stageRows([a.stage], a.eventId));
  const text = `WITH i AS (${delivered}),
     jb AS (DELETE FROM "QueueJob" q USING i WHERE q."id" = i."jobId" AND q."lockedBy" = i."workerId" RETURNING q."id"),
     held AS (SELECT i.* FROM i JOIN jb ON jb."id" = i."jobId"),
     ev AS (UPDATE "Event" e SET
              "status" = CASE WHEN h."succeeded" THEN 'succeeded'::"EventStatus" ELSE 'processing'::"EventStatus" END,
              "outcome" = CASE WHEN h."succeeded" THEN 'success'::"EventOutcome" ELSE e."outcome" END,
              "completedAt" = CASE WHEN h."succeeded" THEN h."at" ELSE e."completedAt" END,
              "targetId" = COALESCE(h."targetId", e."targetId"), "attempts" = h."attempt", "updatedAt" = h."at"
            FROM held h WHERE e."id" = h."eventId" AND e."status" IN ('received', 'processing', 'retrying')),
     st AS (${insertStages(stages, params, `WHERE v."eventId" IN (SELECT "eventId" FROM held)`)})
     SELECT "id" FROM jb`;
  const result = await read<{ id: string }>(pool, text, params);
  const held = new Set(result.rows.map((r) => r.id));
  return items.map((a) => held.has(a.jobId));
}

export function pgHotPaths(
  pool: pg.Pool,
  batching: GroupCommitOptions,
  connectionString: string,
  onClose: (fn: () => Promise<void>) => void,
): HotPaths {
  const targets = new ConfigCache<{ integration: Integration; contract: ContractVersion | null } | null>();
  const keys = new ConfigCache<KeyRecord | null>();
  const byId = new ConfigCache<Integration | null>();
  let listening: { close(): Promise<void> } | undefined;
  onClose(async () => listening?.close());
  const keyByHashCached = async (keyHash: string): Promise<KeyRecord | null> => {
    listening ??= listenForConfigChanges(connectionString);
    const key = await keys.get(keyHash, async () => {
      const { rows } = await read(
        pool,
        `SELECT "id","integrationId","name","prefix","createdAt","lastUsedAt","revokedAt" FROM "IntegrationKey" WHERE "keyHash" = $1 AND "revokedAt" IS NULL`,
        [keyHash],
      );
      return rows[0] ? keyFrom(rows[0]) : null;
    });
    // A miss is not kept: a wrong key must not push the right ones out of the cache.
    if (!key) keys.forget(keyHash);
    return key;
  };

  // Deliveries finishing together are recorded together: one statement for the batch.
  const completions = new GroupCommit<Delivered, boolean>(
    (items) => finishDelivered(pool, items),
    async (item) => (await finishDelivered(pool, [item]))[0]!,
    { maxBatch: 64, maxWaitMs: 1, closeWhenIdle: true },
    "completions",
  );
  // node-postgres leaves the event loop running while a batch commits: the next batch fills meanwhile, so a batch
  // closes at once when no writer is busy.
  const arrivals = new GroupCommit<Arriving, ArrivalResult>(
    (items) => writeArrivals(pool, items),
    async (item) => (await writeArrivals(pool, [item]))[0]!,
    { ...batching, closeWhenIdle: true },
  );
  return {
    async ingestTarget(slug, keyHash) {
      listening ??= listenForConfigChanges(connectionString);
      const [target, key] = await Promise.all([
        targets.get(slug, async () => {
          const { rows } = await read(
            pool,
            `SELECT i.*, ${CONTRACT_SELECT} FROM "Integration" i
             LEFT JOIN LATERAL (SELECT * FROM "ContractVersion" cv WHERE cv."integrationId" = i."id" AND cv."status" IN ('active', 'draft')
                                ORDER BY (cv."status" = 'active') DESC, cv."version" DESC LIMIT 1) c ON true
             WHERE i."slug" = $1`,
            [slug],
          );
          const row = rows[0];
          return row ? { integration: integrationFrom(row), contract: contractFrom(row, "c_") } : null;
        }),
        keyHash ? keyByHashCached(keyHash) : null,
      ]);
      return target ? { ...target, key } : null;
    },

    keyByHash: (keyHash) => keyByHashCached(keyHash),

    integrationById(id) {
      listening ??= listenForConfigChanges(connectionString);
      return byId.get(id, async () => {
        const { rows } = await read(pool, `SELECT * FROM "Integration" WHERE "id" = $1`, [id]);
        return rows[0] ? integrationFrom(rows[0]) : null;
      });
    },

    async loadEvent(id) {
      const { rows } = await read(pool, `SELECT * FROM "Event" WHERE "id" = $1`, [id]);
      return rows[0] ? eventFrom(rows[0]) : null;
    },

    async nextDueAt() {
      const { rows } = await read<{ at: Date | null }>(
        pool,
        `SELECT LEAST((SELECT min("runAt") FROM "QueueJob" WHERE "lockedUntil" IS NULL), (SELECT min("lockedUntil") FROM "QueueJob" WHERE "lockedUntil" IS NOT NULL)) AS "at"`,
        [],
      );
      return rows[0]?.at ?? null;
    },

    recordArrival: (plan, now) => arrivals.submit({ plan, now }),

    async claim(workerId, limit, leaseMs, now) {
      const result = await read<RawJob & Record<string, unknown>>(
        pool,
        `WITH due AS (
           SELECT j."id" FROM "QueueJob" j LEFT JOIN "Integration" i ON i."id" = j."integrationId"
           WHERE j."runAt" <= ${ts(3)} AND (j."lockedUntil" IS NULL OR j."lockedUntil" < ${ts(3)})
             AND (j."kind" NOT IN ('deliver', 'replay_webhook') OR i."lifecycle" IS NULL OR i."lifecycle" <> 'paused')
           ORDER BY j."runAt" LIMIT $4 FOR UPDATE OF j SKIP LOCKED),
         claimed AS (
           UPDATE "QueueJob" q SET "lockedBy" = $1, "lockedUntil" = ${ts(2)}, "attempt" = q."attempt" + 1
           FROM due WHERE q."id" = due."id"
           RETURNING q."id", q."kind", q."integrationId", q."eventId", q."payload", q."runAt", q."attempt", q."lockedBy", q."lockedUntil")
         SELECT claimed."id", claimed."kind", claimed."integrationId", claimed."eventId", claimed."payload", claimed."runAt", claimed."attempt",
                claimed."lockedBy", claimed."lockedUntil", ${EVENT_SELECT}
         FROM claimed LEFT JOIN "Event" e ON e."id" = claimed."eventId"`,
        [workerId, T(new Date(now.getTime() + leaseMs)), T(now), limit],
      );
      return result.rows.map((r) => ({
        id: r.id,
        kind: r.kind as QueueJob["kind"],
        integrationId: r.integrationId,
        eventId: r.eventId,
        payload: r.payload,
        runAt: r.runAt,
        attempt: r.attempt,
        lockedBy: r.lockedBy,
        lockedUntil: r.lockedUntil,
        event: r.e_id ? eventFrom(r, "e_") : null,
      }));
    },

    async release(workerId, jobIds) {
      if (jobIds.length === 0) return;
      await read(
        pool,
        `UPDATE "QueueJob" SET "lockedBy" = NULL, "lockedUntil" = NULL, "attempt" = GREATEST("attempt" - 1, 0)
         WHERE "id" = ANY($2::text[]) AND "lockedBy" = $1`,
        [workerId, jobIds],
      );
    },

    finishDelivered: (a) => completions.submit(a),

    async scheduleRetry(a) {
      const params: unknown[] = [a.jobId, a.workerId, a.eventId, a.attempt, T(a.at), T(a.runAt)];
      const stage = insertStages(stageRows([a.stage], a.eventId), params, "WHERE EXISTS (SELECT 1 FROM jb)");
      const result = await read<{ held: number }>(
        pool,
        `WITH jb AS (UPDATE "QueueJob" SET "runAt" = ${ts(6)}, "lockedBy" = NULL, "lockedUntil" = NULL WHERE "id" = $1 AND "lockedBy" = $2 RETURNING "id"),
         ev AS (UPDATE "Event" SET "status" = 'retrying', "attempts" = $4, "firstFailedAt" = COALESCE("firstFailedAt", ${ts(5)}), "updatedAt" = ${ts(5)}
                WHERE "id" = $3 AND "status" IN ('received', 'processing', 'retrying') AND EXISTS (SELECT 1 FROM jb)),
         st AS (${stage})
         SELECT count(*)::int AS held FROM jb`,
        params,
      );
      return result.rows[0]!.held === 1;
    },
  };
}
