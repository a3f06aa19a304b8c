// Hourly KPI rollups: which hours changed, the raw facts of an hour, and the
// stored rows the dashboard reads.
import type { Histogram } from "@/lib/core/kpis/histogram";
import type { KpiRepo, StoredHour } from "@/lib/core/ports";
import type { DbTx, Prisma } from "../client";
import type { Provider } from "../database-url";
import { dirtyHours, rawHours, writeHours } from "./kpi-facts";
import { json } from "./json";

const COUNTED = ["relay", "tracked"];
const STATE_ID = "kpi-rollup";

type Row = Prisma.KpiHourGetPayload<object>;
const toStored = (r: Row): StoredHour => ({
  ...r,
  lagHist: (r.lagHist as Histogram | null) ?? null,
  recoveryHist: (r.recoveryHist as Histogram | null) ?? null,
  manual: (r.manual as Record<string, number> | null) ?? null,
  attemptBuckets: (r.attemptBuckets as number[] | null) ?? null,
});

export function kpisRepo(db: DbTx, provider: Provider): KpiRepo {
  return {
    async watermark() {
      return (await db.kpiState.findUnique({ where: { id: STATE_ID } }))?.watermark ?? null;
    },
    async setWatermark(at) {
      await db.kpiState.upsert({ where: { id: STATE_ID }, create: { id: STATE_ID, watermark: at }, update: { watermark: at } });
    },
    dirtyHours: (since, until) => dirtyHours(db, provider, since ?? new Date(0), until),
    rawHours: (pairs, manualActions) => rawHours(db, provider, pairs, manualActions),
    writeHours: (rows, now) => writeHours(db, provider, rows, now),
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
    days: async ({ integrationIds, from, to }) =>
      (await db.kpiDay.findMany({ where: { day: { gte: from, lt: to }, ...(integrationIds ? { integrationId: { in: integrationIds } } : {}) }, orderBy: [{ day: "asc" }, { integrationId: "asc" }] })).map(({ day, ...r }) => toStored({ ...r, hour: day })),
    async writeDays(rows, now) {
      for (const { integrationId, hour: day, ...r } of rows) {
        // Empty rather than NULL, so an update replaces what was there (an undefined JSON field is left alone).
        const data = { ...r, lagHist: json(r.lagHist ?? {}), recoveryHist: json(r.recoveryHist ?? {}), manual: json(r.manual ?? {}), attemptBuckets: json(r.attemptBuckets ?? []), updatedAt: now };
        await db.kpiDay.upsert({ where: { integrationId_day: { integrationId, day } }, create: { integrationId, day, ...data }, update: data });
      }
    },
  };
}
