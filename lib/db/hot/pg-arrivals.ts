// Arrivals on PostgreSQL: a batch without version guards is ONE statement (events, then the stages, exceptions and
// jobs of the events inserted); guarded arrivals join one short transaction.
import type pg from "pg";
import { errorSignature } from "@/lib/core/exceptions/signature";
import type { ArrivalPlan, ArrivalResult } from "@/lib/core/ports";
import { newId } from "../ids";
import { JOBS_CHANNEL } from "../repositories/queue";
import { insertRows, insertStages, read, stageRows, T, ts, type Column } from "./pg-sql";
import { eventValues } from "./rows";

/** The event columns an arrival writes, in the order of `eventValues`. */
const EVENT_TABLE: readonly Column[] = [
  ["id", "text"],
  ["integrationId", "text"],
  ["idempotencyKey", "text"],
  ["fingerprint", "text"],
  ["correlationId", "text"],
  ["traceId", "text"],
  ["entityKey", "text"],
  ["entityVersion", "text"],
  ["payload", "jsonb"],
  ["deliveryPayload", "jsonb"],
  ["status", '"EventStatus"'],
  ["contractVersionId", "text"],
  ["source", "text"],
  ["occurredAt", "timestamp"],
  ["receivedAt", "timestamp"],
  ["updatedAt", "timestamp"],
  ["outcome", '"EventOutcome"'],
  ["completedAt", "timestamp"],
];

const EXCEPTION_TABLE: readonly Column[] = [
  ["id", "text"],
  ["eventId", "text"],
  ["integrationId", "text"],
  ["category", '"ErrorCategory"'],
  ["reason", "text"],
  ["signature", "text"],
  ["message", "text"],
  ["status", '"ExceptionStatus"'],
  ["assigneeId", "text"],
  ["openedAt", "timestamp"],
  ["dueAt", "timestamp"],
  ["openForEventId", "text"],
];

const JOB_TABLE: readonly Column[] = [
  ["id", "text"],
  ["kind", "text"],
  ["integrationId", "text"],
  ["eventId", "text"],
  ["dedupeKey", "text"],
  ["runAt", "timestamp"],
  ["createdAt", "timestamp"],
];

function exceptionRow(plan: ArrivalPlan, eventId: string): unknown[] {
  const x = plan.exception!;
  return [
    newId(),
    eventId,
    x.integrationId,
    x.category,
    x.reason,
    errorSignature(`${x.reason} ${x.message}`),
    x.message,
    "open",
    x.assigneeId,
    T(x.openedAt),
    T(x.dueAt),
    eventId,
  ];
}

const jobRow = (plan: ArrivalPlan, eventId: string, now: Date): unknown[] => [
  newId(),
  "deliver",
  plan.event.integrationId,
  eventId,
  `deliver:${eventId}`,
  T(now),
  T(now),
];

/**
 * The events of a batch whose key is new: their keys go into "EventKey" (the table partitioned by day cannot hold a
 * unique index without the day; see lib/db/partitions.ts), and an event is inserted only when its key was. Written
 * from the event insert's own arrays ($1 id, $2 integrationId, $3 idempotencyKey): the event insert's parameters
 * must be the statement's first.
 */
if (
  EVENT_TABLE.slice(0, 3)
    .map(([name]) => name)
    .join() !== "id,integrationId,idempotencyKey"
)
  throw new Error("NEW_KEYS reads the event insert's first three arrays as id, integrationId, idempotencyKey");
const NEW_KEYS = `k AS (INSERT INTO "EventKey" ("integrationId","idempotencyKey","eventId")
  SELECT * FROM unnest($2::text[], $3::text[], $1::text[]) ON CONFLICT DO NOTHING RETURNING "eventId")`;
const insertEvents = (events: unknown[][], params: unknown[]) =>
  `${insertRows("Event", EVENT_TABLE, events, params, `WHERE v."id" IN (SELECT "eventId" FROM k)`)} RETURNING "id"`;

export type Arriving = { plan: ArrivalPlan; now: Date };

/**
 * Arrivals without a version guard, any number, in ONE statement of fixed text (each column one array parameter):
 * the events (a key already stored, or seen earlier in the same batch, is skipped by ON CONFLICT on its key — the
 * first wins),
 * then the stages, exceptions and jobs of the events that were inserted. Rows go in key order, so two batches never
 * wait on each other's keys in opposite orders.
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
  const events = ordered.map(({ plan, now, id }) => eventValues(plan.event, id, now, T));
  const stages = ordered.flatMap(({ plan, id }) => stageRows(plan.stages, id));
  const exceptions = ordered.filter((a) => a.plan.exception).map(({ plan, id }) => exceptionRow(plan, id));
  const jobs = ordered.filter((a) => a.plan.deliver).map(({ plan, id, now }) => jobRow(plan, id, now));
  const inserted = `WHERE v."eventId" IN (SELECT "id" FROM ev)`;
  const parts = [`WITH ${NEW_KEYS}, ev AS (${insertEvents(events, params)})`];
  if (stages.length) parts.push(`, st AS (${insertStages(stages, params, inserted)})`);
  if (exceptions.length)
    parts.push(`, ex AS (${insertRows("Exception", EXCEPTION_TABLE, exceptions, params, inserted)})`);
  if (jobs.length) parts.push(`, jb AS (${insertRows("QueueJob", JOB_TABLE, jobs, params, inserted)})`);
  parts.push(`SELECT "id"${jobs.length && notify ? `, pg_notify('${JOBS_CHANNEL}', '')` : ""} FROM ev`);
  const result = await read<{ id: string }>(db, parts.join("\n"), params);
  return new Set(result.rows.map((r) => r.id));
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
    `WITH ${NEW_KEYS}, ev AS (${insertEvents([eventValues(plan.event, id, now, T)], params)}) SELECT "id" FROM ev`,
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
  const rest: unknown[] = [];
  const statements: string[] = [];
  if (stages.length) statements.push(`st AS (${insertStages(stageRows(stages, id), rest)})`);
  if (won && plan.deliver)
    statements.push(`jb AS (${insertRows("QueueJob", JOB_TABLE, [jobRow(plan, id, now)], rest)})`);
  if (statements.length) await read(client, `WITH ${statements.join(", ")} SELECT 1`, rest);
  return { inserted: true, id, status: won ? plan.event.status : "stale" };
}

/** Write a batch of arrivals: one statement when none has a version guard, else one transaction. */
export async function writeArrivals(pool: pg.Pool, items: Arriving[]): Promise<ArrivalResult[]> {
  const all = items.map((item) => ({ ...item, id: newId(item.now.getTime()) }));
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
