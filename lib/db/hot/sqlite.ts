// The hot paths on SQLite, on the store's own better-sqlite3 connection: each
// call is one synchronous BEGIN IMMEDIATE transaction (the write lock is taken
// up front, so two processes never deadlock upgrading a read to a write).
import type Database from "better-sqlite3";
import type { QueueJob } from "@/lib/core/delivery/types";
import type { NewStage } from "@/lib/core/events/types";
import { errorSignature } from "@/lib/core/exceptions/signature";
import type { ArrivalResult, HotPaths } from "@/lib/core/ports";
import { newId, sqliteTime } from "../ids";
import type { ContractVersion } from "@/lib/core/contracts/types";
import type { Integration } from "@/lib/core/integrations/types";
import type { KeyRecord } from "@/lib/core/ports";
import { ConfigCache } from "../config-cache";
import { GroupCommit, type GroupCommitOptions } from "./group-commit";
import { foldStages } from "../stage-fold";
import { contractFrom, eventFrom, integrationFrom, keyFrom, eventValues, stageValues } from "./rows";

const T = (d: Date | null | undefined) => (d ? sqliteTime(d) : null);

type RawRow = Record<string, unknown>;
type Row = {
  id: string;
  kind: string;
  integrationId: string | null;
  eventId: string | null;
  payload: string | null;
  runAt: string;
  attempt: number;
  lockedBy: string | null;
  lockedUntil: string | null;
};

export function sqliteHotPaths(db: Database.Database, batching: GroupCommitOptions): HotPaths {
  const targets = new ConfigCache<{ integration: Integration; contract: ContractVersion | null } | null>();
  const keys = new ConfigCache<KeyRecord | null>();
  const byId = new ConfigCache<Integration | null>();
  const keyByHashCached = async (hash: string): Promise<KeyRecord | null> => {
    const key = await keys.get(hash, async () => {
      const row = keyByHash.get(hash) as RawRow | undefined;
      return row ? keyFrom(row) : null;
    });
    if (!key) keys.forget(hash);
    return key;
  };

  const insertEvent =
    db.prepare(`INSERT INTO "Event" ("id","integrationId","idempotencyKey","fingerprint","correlationId","traceId","entityKey","entityVersion","payload","deliveryPayload","status","contractVersionId","source","occurredAt","receivedAt","updatedAt","outcome","completedAt")
    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT ("integrationId","idempotencyKey") DO NOTHING`);
  const advance =
    db.prepare(`INSERT INTO "EntityVersion" ("integrationId","entityKey","version","eventId","updatedAt") VALUES (?,?,?,?,?)
    ON CONFLICT ("integrationId","entityKey") DO UPDATE SET "version" = excluded."version", "eventId" = excluded."eventId", "updatedAt" = excluded."updatedAt"
    WHERE "EntityVersion"."version" < excluded."version" RETURNING "eventId"`);
  const markStale = db.prepare(
    `UPDATE "Event" SET "status" = 'stale', "outcome" = 'stale', "completedAt" = ?, "deliveryPayload" = NULL WHERE "id" = ?`,
  );
  const insertStage = db.prepare(
    `INSERT INTO "StageRun" ("id","eventId","stage","attempt","status","startedAt","endedAt","durationMs","errorCategory","error","responseStatus","detail") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertException = db.prepare(
    `INSERT INTO "Exception" ("id","eventId","integrationId","category","reason","signature","message","status","assigneeId","openedAt","dueAt","openForEventId") VALUES (?,?,?,?,?,?,?,'open',?,?,?,?)`,
  );
  const insertJob = db.prepare(
    `INSERT INTO "QueueJob" ("id","kind","integrationId","eventId","dedupeKey","runAt","attempt","createdAt") VALUES (?,'deliver',?,?,?,?,0,?)`,
  );
  const claimJobs = db.prepare(`UPDATE "QueueJob" SET "lockedBy" = ?, "lockedUntil" = ?, "attempt" = "attempt" + 1
    WHERE "id" IN (SELECT j."id" FROM "QueueJob" j LEFT JOIN "Integration" i ON i."id" = j."integrationId"
      WHERE j."runAt" <= ? AND (j."lockedUntil" IS NULL OR j."lockedUntil" < ?)
        AND (j."kind" NOT IN ('deliver', 'replay_webhook') OR i."lifecycle" IS NULL OR i."lifecycle" <> 'paused')
      ORDER BY j."runAt" LIMIT ?)
    RETURNING "id","kind","integrationId","eventId","payload","runAt","attempt","lockedBy","lockedUntil"`);
  const unclaim = db.prepare(
    `UPDATE "QueueJob" SET "lockedBy" = NULL, "lockedUntil" = NULL, "attempt" = max("attempt" - 1, 0) WHERE "id" = ? AND "lockedBy" = ?`,
  );
  const deleteJob = db.prepare(`DELETE FROM "QueueJob" WHERE "id" = ? AND "lockedBy" = ?`);
  const delivered =
    db.prepare(`UPDATE "Event" SET "status" = 'succeeded', "outcome" = 'success', "completedAt" = ?, "targetId" = ?, "attempts" = ?, "updatedAt" = ?
    WHERE "id" = ? AND "status" IN ('received','processing','retrying')`);
  const handedOver = db.prepare(
    `UPDATE "Event" SET "status" = 'processing', "attempts" = ?, "updatedAt" = ? WHERE "id" = ? AND "status" IN ('received','processing','retrying')`,
  );
  const rescheduleJob = db.prepare(
    `UPDATE "QueueJob" SET "runAt" = ?, "lockedBy" = NULL, "lockedUntil" = NULL WHERE "id" = ? AND "lockedBy" = ?`,
  );
  const retrying =
    db.prepare(`UPDATE "Event" SET "status" = 'retrying', "attempts" = ?, "firstFailedAt" = COALESCE("firstFailedAt", ?), "updatedAt" = ?
    WHERE "id" = ? AND "status" IN ('received','processing','retrying')`);

  const integrationBySlug = db.prepare(`SELECT * FROM "Integration" WHERE "slug" = ?`);
  const integrationById = db.prepare(`SELECT * FROM "Integration" WHERE "id" = ?`);
  const currentContract = db.prepare(
    `SELECT * FROM "ContractVersion" WHERE "integrationId" = ? AND "status" IN ('active', 'draft') ORDER BY ("status" = 'active') DESC, "version" DESC LIMIT 1`,
  );
  const keyByHash = db.prepare(
    `SELECT "id","integrationId","name","prefix","createdAt","lastUsedAt","revokedAt" FROM "IntegrationKey" WHERE "keyHash" = ? AND "revokedAt" IS NULL`,
  );
  const eventById = db.prepare(`SELECT * FROM "Event" WHERE "id" = ?`);
  const nextDue = db.prepare(
    `SELECT min(t) AS "at" FROM (SELECT min("runAt") AS t FROM "QueueJob" WHERE "lockedUntil" IS NULL UNION ALL SELECT min("lockedUntil") FROM "QueueJob" WHERE "lockedUntil" IS NOT NULL)`,
  );

  const stage = (eventId: string, s: NewStage) => insertStage.run(...stageValues(eventId, s, T));

  const arriveOne = (plan: Parameters<HotPaths["recordArrival"]>[0], now: Date): ArrivalResult => {
    const e = plan.event;
    const id = newId(now.getTime());
    const inserted = insertEvent.run(...eventValues(e, id, now, T));
    if (inserted.changes !== 1) return { inserted: false as const };
    const won = plan.guard
      ? advance.all(e.integrationId, plan.guard.entityKey, plan.guard.version, id, T(now)).length === 1
      : true;
    if (!won) markStale.run(T(now), id);
    for (const s of foldStages(won ? plan.stages : plan.staleStages)) stage(id, s);
    const x = plan.exception;
    if (x)
      insertException.run(
        newId(),
        id,
        x.integrationId,
        x.category,
        x.reason,
        errorSignature(`${x.reason} ${x.message}`),
        x.message,
        x.assigneeId,
        T(x.openedAt),
        T(x.dueAt),
        id,
      );
    if (won && plan.deliver) insertJob.run(newId(), e.integrationId, id, `deliver:${id}`, T(now), T(now));
    return { inserted: true as const, id, status: won ? e.status : ("stale" as const) };
  };
  type Arriving = { plan: Parameters<HotPaths["recordArrival"]>[0]; now: Date };
  // The same statements for one arrival or a batch; a batch is one BEGIN IMMEDIATE … COMMIT (one fsync).
  const arrive = db.transaction((items: Arriving[]) => items.map((a) => arriveOne(a.plan, a.now)));
  const arrivals = new GroupCommit<Arriving, ArrivalResult>(
    async (items) => arrive.immediate(items),
    async (item) => arrive.immediate([item])[0]!,
    batching,
  );

  const claim = db.transaction((workerId: string, limit: number, leaseMs: number, now: Date) => {
    const rows = claimJobs.all(workerId, T(new Date(now.getTime() + leaseMs)), T(now), T(now), limit) as Row[];
    return rows.map((r) => {
      const event = r.eventId ? (eventById.get(r.eventId) as RawRow | undefined) : undefined;
      return { ...r, event: event ? eventFrom(event) : null };
    });
  });

  type Delivered = Parameters<HotPaths["finishDelivered"]>[0];
  const finishOne = (a: Delivered) => {
    if (deleteJob.run(a.jobId, a.workerId).changes !== 1) return false;
    if (a.succeeded) delivered.run(T(a.at), a.targetId, a.attempt, T(a.at), a.eventId);
    else handedOver.run(a.attempt, T(a.at), a.eventId);
    stage(a.eventId, a.stage);
    return true;
  };
  // Deliveries finishing together are recorded in one transaction (one fsync).
  const finish = db.transaction((items: Delivered[]) => items.map(finishOne));
  const completions = new GroupCommit<Delivered, boolean>(
    async (items) => finish.immediate(items),
    async (item) => finish.immediate([item])[0]!,
    { maxBatch: 64, maxWaitMs: 1 },
    "completions",
  );

  const retry = db.transaction((a: Parameters<HotPaths["scheduleRetry"]>[0]) => {
    if (rescheduleJob.run(T(a.runAt), a.jobId, a.workerId).changes !== 1) return false;
    retrying.run(a.attempt, T(a.at), T(a.at), a.eventId);
    stage(a.eventId, a.stage);
    return true;
  });

  return {
    async ingestTarget(slug, hash) {
      const target = await targets.get(slug, async () => {
        const row = integrationBySlug.get(slug) as RawRow | undefined;
        return row
          ? {
              integration: integrationFrom(row),
              contract: contractFrom((currentContract.get(row.id) as RawRow | undefined) ?? {}),
            }
          : null;
      });
      return target ? { ...target, key: hash ? await keyByHashCached(hash) : null } : null;
    },
    keyByHash: (hash) => keyByHashCached(hash),
    integrationById: (id) =>
      byId.get(id, async () => {
        const row = integrationById.get(id) as RawRow | undefined;
        return row ? integrationFrom(row) : null;
      }),
    async loadEvent(id) {
      const row = eventById.get(id) as RawRow | undefined;
      return row ? eventFrom(row) : null;
    },
    async nextDueAt() {
      const row = nextDue.get() as { at: string | null };
      return row.at ? new Date(row.at) : null;
    },
    recordArrival: (plan, now) => arrivals.submit({ plan, now }),
    claim: async (workerId, limit, leaseMs, now) =>
      claim.immediate(workerId, limit, leaseMs, now).map((r) => ({
        ...r,
        kind: r.kind as QueueJob["kind"],
        payload: r.payload ? JSON.parse(r.payload) : null,
        runAt: new Date(r.runAt),
        lockedUntil: r.lockedUntil ? new Date(r.lockedUntil) : null,
      })),
    release: async (workerId, jobIds) =>
      db
        .transaction(() => {
          for (const id of jobIds) unclaim.run(id, workerId);
        })
        .immediate(),
    finishDelivered: (a) => completions.submit(a),
    scheduleRetry: async (a) => retry.immediate(a),
  };
}
