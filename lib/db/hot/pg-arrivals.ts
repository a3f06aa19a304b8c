// Arrivals on PostgreSQL: a batch without version guards is ONE statement (events, then the stages, exceptions and
// jobs of the events inserted); guarded arrivals join one short transaction.
import type pg from "pg";
import { errorSignature } from "@/lib/core/exceptions/signature";
import type { ArrivalPlan, ArrivalResult } from "@/lib/core/ports";
import { newId } from "../ids";
import { JOBS_CHANNEL } from "../repositories/queue";
import { read, STAGE_COLUMNS, stageValues, T, ts, utc } from "./pg-sql";
import { eventValues } from "./rows";

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

export type Arriving = { plan: ArrivalPlan; now: Date };

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

/** Write a batch of arrivals: one statement when none has a version guard, else one transaction. */
export async function writeArrivals(pool: pg.Pool, items: Arriving[]): Promise<ArrivalResult[]> {
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
