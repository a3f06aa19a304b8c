// The hot paths on PostgreSQL, straight through node-postgres (no ORM): an
// arrival is one statement (or one short transaction with a version guard),
// a delivered or retried attempt one statement. Times go in and out as UTC.
import { createHash } from "node:crypto";
import pg from "pg";
import type { QueueJob } from "@/lib/core/delivery/types";
import type { NewStage } from "@/lib/core/events/types";
import { errorSignature } from "@/lib/core/exceptions/signature";
import type { ArrivalPlan, ArrivalResult, HotPaths } from "@/lib/core/ports";
import { newId } from "../ids";
import {
  CONTRACT_COLUMNS,
  contractFrom,
  EVENT_COLUMNS,
  eventFrom,
  integrationFrom,
  keyFrom,
  eventValues,
} from "./rows";
import { JOBS_CHANNEL } from "../repositories/queue";
import type { ContractVersion } from "@/lib/core/contracts/types";
import type { Integration } from "@/lib/core/integrations/types";
import type { KeyRecord } from "@/lib/core/ports";
import { ConfigCache, listenForConfigChanges } from "../config-cache";
import { GroupCommit, type GroupCommitOptions } from "./group-commit";

const T = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const J = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;

/** Multi-row VALUES for stage runs, with parameters appended to `params`; `eventRef` is SQL naming the event id. */
function stageValues(stages: NewStage[], eventRef: string, params: unknown[]): string {
  return stages
    .map((s) => {
      const at = params.length;
      params.push(
        newId(),
        s.stage,
        s.attempt ?? 1,
        s.status,
        T(s.startedAt),
        T(s.endedAt),
        s.durationMs ?? null,
        s.errorCategory ?? null,
        s.error ?? null,
        s.responseStatus ?? null,
        J(s.detail),
      );
      return `($${at + 1}, ${eventRef}, $${at + 2}, $${at + 3}::int, $${at + 4}::"StageStatus", ${ts(at + 5)}, ${ts(at + 6)}, $${at + 7}::int, $${at + 8}::"ErrorCategory", $${at + 9}, $${at + 10}::int, $${at + 11}::jsonb)`;
    })
    .join(", ");
}
const STAGE_COLUMNS = `("id","eventId","stage","attempt","status","startedAt","endedAt","durationMs","errorCategory","error","responseStatus","detail")`;

const EVENT_INSERT = `INSERT INTO "Event" ("id","integrationId","idempotencyKey","fingerprint","correlationId","traceId","entityKey","entityVersion","payload","deliveryPayload","status","contractVersionId","source","occurredAt","receivedAt","updatedAt","outcome","completedAt")`;

/** One event's VALUES row; its id is the first parameter pushed, so `$${at + 1}` names it. */
function eventRow(plan: ArrivalPlan, id: string, now: Date, params: unknown[]): string {
  const e = plan.event;
  const at = params.length;
  params.push(...eventValues(e, id, now, T));
  const p = (n: number) => `$${at + n}`;
  return `(${p(1)},${p(2)},${p(3)},${p(4)},${p(5)},${p(6)},${p(7)},${p(8)},${p(9)}::jsonb,${p(10)}::jsonb,${p(11)}::"EventStatus",${p(12)},${p(13)},${ts(at + 14)},${ts(at + 15)},${ts(at + 16)},${p(17)}::"EventOutcome",${ts(at + 18)})`;
}

const EXCEPTION_INSERT = `INSERT INTO "Exception" ("id","eventId","integrationId","category","reason","signature","message","status","assigneeId","openedAt","dueAt","openForEventId")`;

function exceptionRow(plan: ArrivalPlan, eventRef: string, params: unknown[]): string {
  const x = plan.exception!;
  const at = params.length;
  params.push(
    newId(),
    x.integrationId,
    x.category,
    x.reason,
    errorSignature(`${x.reason} ${x.message}`),
    x.message,
    x.assigneeId,
    T(x.openedAt),
    T(x.dueAt),
  );
  return `($${at + 1}, ${eventRef}, $${at + 2}, $${at + 3}::"ErrorCategory", $${at + 4}, $${at + 5}, $${at + 6}, 'open'::"ExceptionStatus", $${at + 7}, ${ts(at + 8)}, ${ts(at + 9)}, ${eventRef})`;
}

const JOB_INSERT = `INSERT INTO "QueueJob" ("id","kind","integrationId","eventId","dedupeKey","runAt","createdAt")`;

function jobRow(plan: ArrivalPlan, eventRef: string, now: Date, params: unknown[]): string {
  const at = params.length;
  params.push(newId(), plan.event.integrationId, T(now));
  return `($${at + 1}, 'deliver', $${at + 2}, ${eventRef}, 'deliver:' || ${eventRef}, ${ts(at + 3)}, ${ts(at + 3)})`;
}

type Arriving = { plan: ArrivalPlan; now: Date };

/**
 * Arrivals without a version guard, any number, in ONE statement: the events (a key already stored, or seen earlier
 * in the same batch, is skipped by ON CONFLICT — the first wins), then the stages, exceptions and jobs of the events
 * that were inserted. Rows go in key order, so two batches never wait on each other's keys in opposite orders.
 * @returns the ids inserted
 */
async function insertPlain(
  db: pg.Pool | pg.PoolClient,
  items: (Arriving & { id: string })[],
  notify: boolean,
): Promise<Set<string>> {
  const ordered = [...items].sort(
    (a, b) =>
      cmp(a.plan.event.integrationId, b.plan.event.integrationId) ||
      cmp(a.plan.event.idempotencyKey, b.plan.event.idempotencyKey),
  );
  const params: unknown[] = [];
  const events: string[] = [];
  const stages: string[] = [];
  const exceptions: string[] = [];
  const jobs: string[] = [];
  for (const { plan, now, id } of ordered) {
    const ref = `$${params.length + 1}`;
    events.push(eventRow(plan, id, now, params));
    if (plan.stages.length) stages.push(stageValues(plan.stages, ref, params));
    if (plan.exception) exceptions.push(exceptionRow(plan, ref, params));
    if (plan.deliver) jobs.push(jobRow(plan, ref, now, params));
  }
  const only = (column: string) => `WHERE v.${column} IN (SELECT "id" FROM ev)`;
  const parts = [
    `WITH ev AS (${EVENT_INSERT} VALUES ${events.join(", ")} ON CONFLICT ("integrationId","idempotencyKey") DO NOTHING RETURNING "id")`,
  ];
  if (stages.length)
    parts.push(
      `, st AS (INSERT INTO "StageRun" ${STAGE_COLUMNS} SELECT v.* FROM (VALUES ${stages.join(", ")}) AS v ${only("column2")})`,
    );
  if (exceptions.length)
    parts.push(
      `, ex AS (${EXCEPTION_INSERT} SELECT v.* FROM (VALUES ${exceptions.join(", ")}) AS v ${only("column2")})`,
    );
  if (jobs.length)
    parts.push(`, jb AS (${JOB_INSERT} SELECT v.* FROM (VALUES ${jobs.join(", ")}) AS v ${only("column4")})`);
  parts.push(`SELECT "id"${jobs.length && notify ? `, pg_notify('${JOBS_CHANNEL}', '')` : ""} FROM ev`);
  // One shape per batch composition: prepare only the single-arrival shapes (a handful), not every batch size.
  const result = await (items.length === 1
    ? read(db, parts.join("\n"), params)
    : db.query<{ id: string }>({ text: parts.join("\n"), values: params, types: utc }));
  return new Set(result.rows.map((r) => r.id as string));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An arrival with a version guard, inside an open transaction: insert, raise the entity's version or mark stale. */
async function insertGuarded(
  client: pg.PoolClient,
  { plan, now, id }: Arriving & { id: string },
): Promise<ArrivalResult> {
  const params: unknown[] = [];
  const inserted = await read(
    client,
    `${EVENT_INSERT} VALUES ${eventRow(plan, id, now, params)} ON CONFLICT ("integrationId","idempotencyKey") DO NOTHING RETURNING "id"`,
    params,
  );
  if (inserted.rowCount !== 1) return { inserted: false };
  const guard = await read(
    client,
    `INSERT INTO "EntityVersion" ("integrationId","entityKey","version","eventId","updatedAt") VALUES ($1,$2,$3,$4,${ts(5)})
     ON CONFLICT ("integrationId","entityKey") DO UPDATE SET "version" = excluded."version", "eventId" = excluded."eventId", "updatedAt" = excluded."updatedAt"
     WHERE "EntityVersion"."version" < excluded."version" RETURNING "eventId"`,
    [plan.event.integrationId, plan.guard!.entityKey, plan.guard!.version, id, T(now)],
  );
  const won = guard.rowCount === 1;
  if (!won) {
    await read(
      client,
      `UPDATE "Event" SET "status" = 'stale', "outcome" = 'stale', "completedAt" = ${ts(2)}, "deliveryPayload" = NULL WHERE "id" = $1`,
      [id, T(now)],
    );
  }
  const stages = won ? plan.stages : plan.staleStages;
  const rest: unknown[] = [id];
  const statements: string[] = [];
  if (stages.length)
    statements.push(`st AS (INSERT INTO "StageRun" ${STAGE_COLUMNS} VALUES ${stageValues(stages, "$1", rest)})`);
  if (won && plan.deliver) statements.push(`jb AS (${JOB_INSERT} VALUES ${jobRow(plan, "$1", now, rest)})`);
  if (statements.length) await read(client, `WITH ${statements.join(", ")} SELECT 1`, rest);
  return { inserted: true, id, status: won ? plan.event.status : "stale" };
}

/** Prisma stores UTC in `timestamp(3)`: read it as UTC whatever the process's time zone. */
const utc = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 1114
      ? (v: string) => new Date(`${v.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};
/** A named (prepared) statement: PostgreSQL parses and plans each shape once per connection. */
const named = (text: string) => `sbx_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
const read = <R extends pg.QueryResultRow>(pool: pg.Pool | pg.PoolClient, text: string, values: unknown[]) =>
  pool.query<R>({ name: named(text), text, values, types: utc });

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

/**
 * Delivered (or handed over) attempts, any number, in one statement: each job is deleted only while this worker
 * still holds it, and only then is its event moved on and its stage written.
 * @returns per attempt, whether the lease was still held
 */
async function finishDelivered(pool: pg.Pool, items: Delivered[]): Promise<boolean[]> {
  const params: unknown[] = [];
  const input: string[] = [];
  const stages: string[] = [];
  for (const a of items) {
    const at = params.length;
    params.push(a.jobId, a.workerId, a.eventId, a.attempt, T(a.at), a.targetId, a.succeeded);
    input.push(
      `($${at + 1}::text, $${at + 2}::text, $${at + 3}::text, $${at + 4}::int, ${ts(at + 5)}, $${at + 6}::text, $${at + 7}::boolean)`,
    );
    stages.push(stageValues([a.stage], `$${at + 3}::text`, params));
  }
  const text = `WITH i ("jobId","workerId","eventId","attempt","at","targetId","succeeded") AS (VALUES ${input.join(", ")}),
     jb AS (DELETE FROM "QueueJob" q USING i WHERE q."id" = i."jobId" AND q."lockedBy" = i."workerId" RETURNING q."id"),
     held AS (SELECT i.* FROM i JOIN jb ON jb."id" = i."jobId"),
     ev AS (UPDATE "Event" e SET
              "status" = CASE WHEN h."succeeded" THEN 'succeeded'::"EventStatus" ELSE 'processing'::"EventStatus" END,
              "outcome" = CASE WHEN h."succeeded" THEN 'success'::"EventOutcome" ELSE e."outcome" END,
              "completedAt" = CASE WHEN h."succeeded" THEN h."at" ELSE e."completedAt" END,
              "targetId" = COALESCE(h."targetId", e."targetId"), "attempts" = h."attempt", "updatedAt" = h."at"
            FROM held h WHERE e."id" = h."eventId" AND e."status" IN ('received', 'processing', 'retrying')),
     st AS (INSERT INTO "StageRun" ${STAGE_COLUMNS} SELECT v.* FROM (VALUES ${stages.join(", ")}) AS v WHERE v.column2 IN (SELECT "eventId" FROM held))
     SELECT "id" FROM jb`;
  const result = await (items.length === 1
    ? read<{ id: string }>(pool, text, params)
    : pool.query<{ id: string }>({ text, values: params, types: utc }));
  const held = new Set(result.rows.map((r) => r.id));
  return items.map((a) => held.has(a.jobId));
}

/** Write a batch of arrivals: one statement when none has a version guard, else one transaction. */
async function writeArrivals(pool: pg.Pool, items: Arriving[]): Promise<ArrivalResult[]> {
  const all = items.map((item) => ({ ...item, id: newId() }));
  const plain = all.filter((a) => !a.plan.guard);
  const guarded = all.filter((a) => a.plan.guard);
  const results = new Map<string, ArrivalResult>();
  const settlePlain = (ids: Set<string>) =>
    plain.forEach((a) =>
      results.set(
        a.id,
        ids.has(a.id) ? { inserted: true, id: a.id, status: a.plan.event.status } : { inserted: false },
      ),
    );
  if (guarded.length === 0) {
    settlePlain(await insertPlain(pool, plain, true));
  } else {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      if (plain.length) settlePlain(await insertPlain(client, plain, false));
      for (const a of guarded) results.set(a.id, await insertGuarded(client, a));
      if (all.some((a) => a.plan.deliver)) await client.query(`SELECT pg_notify('${JOBS_CHANNEL}', '')`);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
  return all.map((a) => results.get(a.id)!);
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
    { maxBatch: 64, maxWaitMs: 1 },
    "completions",
  );
  const arrivals = new GroupCommit<Arriving, ArrivalResult>(
    (items) => writeArrivals(pool, items),
    async (item) => (await writeArrivals(pool, [item]))[0]!,
    batching,
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
      const result = await read<{ held: number }>(
        pool,
        `WITH jb AS (UPDATE "QueueJob" SET "runAt" = ${ts(6)}, "lockedBy" = NULL, "lockedUntil" = NULL WHERE "id" = $1 AND "lockedBy" = $2 RETURNING "id"),
         ev AS (UPDATE "Event" SET "status" = 'retrying', "attempts" = $4, "firstFailedAt" = COALESCE("firstFailedAt", ${ts(5)}), "updatedAt" = ${ts(5)}
                WHERE "id" = $3 AND "status" IN ('received', 'processing', 'retrying') AND EXISTS (SELECT 1 FROM jb)),
         st AS (INSERT INTO "StageRun" ${STAGE_COLUMNS} SELECT v.* FROM (VALUES ${stageValues([a.stage], "$3", params)}) AS v WHERE EXISTS (SELECT 1 FROM jb))
         SELECT count(*)::int AS held FROM jb`,
        params,
      );
      return result.rows[0]!.held === 1;
    },
  };
}
