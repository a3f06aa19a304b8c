// Hourly KPI rollups: which hours changed, the raw facts of an hour, and the
// stored rows the dashboard reads.
import type { Histogram } from "@/lib/core/kpis/histogram";
import type { KpiRepo, StoredHour } from "@/lib/core/ports";
import type { DbTx, Prisma } from "../client";
import type { Provider } from "../database-url";
import { hourOf, rawQuery } from "../raw";
import { json } from "./json";

const COUNTED = ["relay", "tracked"];
const STATE_ID = "kpi-rollup";
const ms = (a: Date, b: Date) => b.getTime() - a.getTime();

type Row = Prisma.KpiHourGetPayload<object>;
const toStored = (r: Row): StoredHour => ({
  ...r,
  lagHist: (r.lagHist as Histogram | null) ?? null,
  recoveryHist: (r.recoveryHist as Histogram | null) ?? null,
  manual: (r.manual as Record<string, number> | null) ?? null,
  attemptBuckets: (r.attemptBuckets as number[] | null) ?? null,
});

export function kpisRepo(db: DbTx, provider: Provider): KpiRepo {
  const hour = (column: string) => hourOf(provider, column);
  return {
    async watermark() {
      return (await db.kpiState.findUnique({ where: { id: STATE_ID } }))?.watermark ?? null;
    },
    async setWatermark(at) {
      await db.kpiState.upsert({ where: { id: STATE_ID }, create: { id: STATE_ID, watermark: at }, update: { watermark: at } });
    },
    async dirtyHours(since, until) {
      const s = since ?? new Date(0);
      const rows = await rawQuery<{ integrationId: string; h: string }>(
        db,
        provider,
        `SELECT DISTINCT "integrationId", ${hour(`"receivedAt"`)} AS h FROM "Event" WHERE "updatedAt" >= $1 AND "updatedAt" < $2
         UNION SELECT DISTINCT "integrationId", ${hour(`"updatedAt"`)} AS h FROM "Event" WHERE "updatedAt" >= $1 AND "updatedAt" < $2
         UNION SELECT DISTINCT "integrationId", ${hour(`"receivedAt"`)} AS h FROM "DuplicateArrival" WHERE "receivedAt" >= $1 AND "receivedAt" < $2
         UNION SELECT DISTINCT "integrationId", ${hour(`"resolvedAt"`)} AS h FROM "Exception" WHERE "resolvedAt" >= $1 AND "resolvedAt" < $2
         UNION SELECT DISTINCT x."integrationId", ${hour(`e."receivedAt"`)} AS h FROM "Exception" x JOIN "Event" e ON e."id" = x."eventId" WHERE x."openedAt" >= $1 AND x."openedAt" < $2`,
        [s, until],
      );
      const audit = await db.auditEntry.findMany({ where: { at: { gte: s, lt: until }, actorId: { not: null } }, select: { objectType: true, objectId: true, at: true } });
      const pairs = rows.map((r) => ({ integrationId: r.integrationId, hour: new Date(r.h) }));
      const byType = (type: string) => audit.filter((a) => a.objectType === type);
      const exceptionIntegration = new Map((await db.exception.findMany({ where: { id: { in: byType("exception").map((a) => a.objectId) } }, select: { id: true, integrationId: true } })).map((x) => [x.id, x.integrationId]));
      const eventIntegration = new Map((await db.event.findMany({ where: { id: { in: byType("event").map((a) => a.objectId) } }, select: { id: true, integrationId: true } })).map((x) => [x.id, x.integrationId]));
      for (const a of audit) {
        const integrationId = a.objectType === "integration" ? a.objectId : a.objectType === "exception" ? exceptionIntegration.get(a.objectId) : eventIntegration.get(a.objectId);
        if (integrationId) pairs.push({ integrationId, hour: new Date(Math.floor(a.at.getTime() / 3_600_000) * 3_600_000) });
      }
      const seen = new Set<string>();
      return pairs.filter((p) => {
        const key = `${p.integrationId}|${p.hour.getTime()}`;
        if (seen.has(key) || Number.isNaN(p.hour.getTime())) return false;
        seen.add(key);
        return true;
      });
    },
    async rawHour(integrationId, start, manualActions) {
      const end = new Date(start.getTime() + 3_600_000);
      const received = { integrationId, receivedAt: { gte: start, lt: end }, source: { in: COUNTED } };
      const [total, succeeded, failed, firstFailed, exceptionEvents, autoRecovered, completed, duplicates, recoveries, attempts] = await Promise.all([
        db.event.count({ where: received }),
        db.event.count({ where: { ...received, status: "succeeded" } }),
        db.event.count({ where: { ...received, status: "failed" } }),
        db.event.count({ where: { ...received, firstFailedAt: { not: null } } }),
        db.event.count({ where: { ...received, exceptions: { some: {} } } }),
        db.event.count({ where: { ...received, status: "succeeded", firstFailedAt: { not: null }, exceptions: { none: {} } } }),
        db.event.findMany({ where: { ...received, completedAt: { not: null } }, select: { receivedAt: true, completedAt: true } }),
        db.duplicateArrival.count({ where: { integrationId, kind: "duplicate", receivedAt: { gte: start, lt: end } } }),
        db.exception.findMany({ where: { integrationId, status: "resolved", resolvedAt: { gte: start, lt: end } }, select: { openedAt: true, resolvedAt: true } }),
        db.stageRun.findMany({ where: { stage: { in: ["delivered", "replay_requested"] }, startedAt: { gte: start, lt: end }, event: { integrationId } }, select: { durationMs: true } }),
      ]);
      const audit = await db.auditEntry.findMany({ where: { at: { gte: start, lt: end }, actorId: { not: null }, action: { in: [...manualActions] } }, select: { action: true, objectType: true, objectId: true } });
      const exceptionIds = new Set((await db.exception.findMany({ where: { integrationId, id: { in: audit.filter((a) => a.objectType === "exception").map((a) => a.objectId) } }, select: { id: true } })).map((x) => x.id));
      const eventIds = new Set((await db.event.findMany({ where: { integrationId, id: { in: audit.filter((a) => a.objectType === "event").map((a) => a.objectId) } }, select: { id: true } })).map((x) => x.id));
      const manual: Record<string, number> = {};
      for (const a of audit) {
        const mine = a.objectType === "integration" ? a.objectId === integrationId : a.objectType === "exception" ? exceptionIds.has(a.objectId) : eventIds.has(a.objectId);
        if (mine) manual[a.action] = (manual[a.action] ?? 0) + 1;
      }
      return {
        received: total,
        exceptionEvents,
        duplicates,
        firstFailed,
        autoRecovered,
        succeeded,
        failed,
        lagsMs: completed.map((e) => ms(e.receivedAt, e.completedAt!)),
        recoveriesMs: recoveries.map((x) => ms(x.openedAt, x.resolvedAt!)),
        manual,
        attemptDurationsMs: attempts.map((a) => a.durationMs ?? 0),
      };
    },
    async writeHour(row, now) {
      const data = {
        received: row.received,
        exceptionEvents: row.exceptionEvents,
        duplicates: row.duplicates,
        firstFailed: row.firstFailed,
        autoRecovered: row.autoRecovered,
        succeeded: row.succeeded,
        failed: row.failed,
        completed: row.completed,
        lagHist: json(row.lagHist),
        recoveries: row.recoveries,
        recoveryHist: json(row.recoveryHist),
        manual: json(row.manual),
        attempts: row.attempts,
        attemptBuckets: json(row.attemptBuckets),
        attemptSumMs: row.attemptSumMs,
        updatedAt: now,
      };
      await db.kpiHour.upsert({ where: { integrationId_hour: { integrationId: row.integrationId, hour: row.hour } }, create: { integrationId: row.integrationId, hour: row.hour, ...data }, update: data });
    },
    async backlog(now) {
      const [open, pending] = await Promise.all([
        db.exception.groupBy({ by: ["integrationId"], where: { status: "open" }, _count: { _all: true } }),
        db.event.groupBy({ by: ["integrationId"], where: { status: { in: ["received", "processing", "retrying"] }, source: { in: COUNTED } }, _count: { _all: true }, _min: { receivedAt: true } }),
      ]);
      const ids = new Set([...open.map((o) => o.integrationId), ...pending.map((p) => p.integrationId)]);
      return [...ids].map((integrationId) => {
        const p = pending.find((x) => x.integrationId === integrationId);
        return {
          integrationId,
          openExceptions: open.find((x) => x.integrationId === integrationId)?._count._all ?? 0,
          pendingDeliveries: p?._count._all ?? 0,
          oldestPendingMs: p?._min.receivedAt ? Math.max(0, now.getTime() - p._min.receivedAt.getTime()) : 0,
        };
      });
    },
    async writeBacklog(integrationId, hour, backlog, now) {
      await db.kpiHour.upsert({
        where: { integrationId_hour: { integrationId, hour } },
        create: { integrationId, hour, ...backlog, updatedAt: now },
        update: { ...backlog, updatedAt: now },
      });
    },
    hours: async ({ integrationIds, from, to }) =>
      (await db.kpiHour.findMany({ where: { hour: { gte: from, lt: to }, ...(integrationIds ? { integrationId: { in: integrationIds } } : {}) }, orderBy: [{ hour: "asc" }, { integrationId: "asc" }] })).map(toStored),
  };
}
