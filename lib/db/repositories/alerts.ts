// Alerts and the measures the alert rules judge: short windows over the raw
// rows (indexed on integration + receivedAt, updatedAt, status).
import type { AlertRecord, AlertRule, AlertStatus } from "@/lib/core/alerts/types";
import type { AlertsRepo } from "@/lib/core/ports";
import type { DbTx, Prisma } from "../client";
import type { Provider } from "../database-url";
import { isUniqueViolation } from "../errors";
import { afterCursor, decodeCursor, pageOf } from "../keyset";
import { msBetween, rawQuery } from "../raw";

const COUNTED = ["relay", "tracked"];
const PENDING = ["received", "processing", "retrying"] as const;
const PASS_ID = "alert-evaluation";

type Row = Prisma.AlertGetPayload<object>;
const toRecord = (r: Row): AlertRecord => ({
  id: r.id,
  integrationId: r.integrationId,
  rule: r.rule as AlertRule,
  status: r.status as AlertStatus,
  value: r.value,
  threshold: r.threshold,
  message: r.message,
  firedAt: r.firedAt,
  acknowledgedAt: r.acknowledgedAt,
  acknowledgedById: r.acknowledgedById,
  resolvedAt: r.resolvedAt,
  lastEvaluatedAt: r.lastEvaluatedAt,
});

export function alertsRepo(db: DbTx, provider: Provider): AlertsRepo {
  return {
    async measure(integrationId, { windowStart, now, lagThresholdMs }) {
      const inWindow = { integrationId, source: { in: COUNTED }, receivedAt: { gte: windowStart, lt: now } };
      const finished = {
        integrationId,
        source: { in: COUNTED },
        updatedAt: { gte: windowStart },
        completedAt: { gte: windowStart, lt: now },
      };
      const pending = { integrationId, source: { in: COUNTED }, status: { in: [...PENDING] } };
      const [
        received,
        exceptionEvents,
        firstFailed,
        finishedCount,
        pendingCount,
        openExceptions,
        overdueExceptions,
        stalledOpen,
        last,
      ] = await Promise.all([
        db.event.count({ where: inWindow }),
        db.event.count({ where: { ...inWindow, exceptions: { some: {} } } }),
        db.event.count({ where: { ...inWindow, firstFailedAt: { not: null } } }),
        db.event.count({ where: finished }),
        db.event.count({ where: pending }),
        db.exception.count({ where: { integrationId, status: "open" } }),
        db.exception.count({ where: { integrationId, status: "open", dueAt: { lt: now } } }),
        db.exception.count({ where: { integrationId, status: "open", reason: "stalled" } }),
        db.event.findFirst({
          where: { integrationId, source: { in: COUNTED } },
          orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
          select: { receivedAt: true },
        }),
      ]);
      let lagOver = 0;
      if (lagThresholdMs !== null) {
        const [slowFinished] = await rawQuery<{ n: number | bigint }>(
          db,
          provider,
          `SELECT COUNT(*) AS n FROM "Event" WHERE "integrationId" = $1 AND "source" IN ('relay','tracked') AND "updatedAt" >= $2 AND "completedAt" >= $2 AND "completedAt" < $3
             AND ${msBetween(provider, `"completedAt"`, `"receivedAt"`)} > $4`,
          [integrationId, windowStart, now, lagThresholdMs],
        );
        const slowPending = await db.event.count({
          where: { ...pending, receivedAt: { lt: new Date(now.getTime() - lagThresholdMs) } },
        });
        lagOver = Number(slowFinished?.n ?? 0) + slowPending;
      }
      return {
        received,
        exceptionEvents,
        firstFailed,
        lagPopulation: finishedCount + pendingCount,
        lagOver,
        openExceptions,
        overdueExceptions,
        stalledOpen,
        lastReceivedAt: last?.receivedAt ?? null,
      };
    },
    async stalled(integrationId, before, limit) {
      const rows = await db.event.findMany({
        where: {
          integrationId,
          source: "tracked",
          status: { in: [...PENDING] },
          receivedAt: { lt: before },
          exceptions: { none: { status: "open" } },
          stages: { none: { OR: [{ startedAt: { gte: before } }, { endedAt: { gte: before } }] } },
        },
        orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
        take: limit,
        select: {
          id: true,
          receivedAt: true,
          stages: {
            orderBy: [{ startedAt: "desc" }, { id: "desc" }],
            take: 1,
            select: { stage: true, startedAt: true, endedAt: true },
          },
        },
      });
      return rows.map((e) => {
        const s = e.stages[0];
        return {
          eventId: e.id,
          lastStage: s?.stage ?? "received",
          lastAt: s ? (s.endedAt ?? s.startedAt) : e.receivedAt,
        };
      });
    },
    async claimPass(now, minGapMs) {
      // One evaluator per pass across every worker process: a conditional update on a state row.
      const claimed = await db.kpiState.updateMany({
        where: { id: PASS_ID, watermark: { lte: new Date(now.getTime() - minGapMs) } },
        data: { watermark: now },
      });
      if (claimed.count) return true;
      try {
        await db.kpiState.create({ data: { id: PASS_ID, watermark: now } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    unresolved: async () =>
      (
        await db.alert.findMany({
          where: { status: { in: ["firing", "acknowledged"] } },
          orderBy: [{ firedAt: "asc" }, { id: "asc" }],
        })
      ).map(toRecord),
    async fire({ integrationId, rule, value, threshold, message, at }) {
      // Look first: inside a PostgreSQL transaction a unique violation would abort it.
      if (await db.alert.findUnique({ where: { openKey: `${integrationId}:${rule}` }, select: { id: true } }))
        return null;
      try {
        const row = await db.alert.create({
          data: {
            integrationId,
            rule,
            status: "firing",
            value,
            threshold,
            message,
            firedAt: at,
            lastEvaluatedAt: at,
            openKey: `${integrationId}:${rule}`,
          },
        });
        return toRecord(row);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    async refresh(id, { value, threshold, message, at }) {
      await db.alert.updateMany({
        where: { id, status: { not: "resolved" } },
        data: { value, threshold, message, lastEvaluatedAt: at },
      });
    },
    async resolve(id, at) {
      const n = await db.alert.updateMany({
        where: { id, status: { not: "resolved" } },
        data: { status: "resolved", resolvedAt: at, lastEvaluatedAt: at, openKey: null },
      });
      return n.count ? toRecord(await db.alert.findUniqueOrThrow({ where: { id } })) : null;
    },
    async acknowledge(id, userId, at) {
      const n = await db.alert.updateMany({
        where: { id, status: "firing" },
        data: { status: "acknowledged", acknowledgedAt: at, acknowledgedById: userId },
      });
      return n.count ? toRecord(await db.alert.findUniqueOrThrow({ where: { id } })) : null;
    },
    async findById(id) {
      const row = await db.alert.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async list(filter, { cursor, limit }) {
      const status = filter.status === "open" ? { in: ["firing", "acknowledged"] } : filter.status;
      const rows = await db.alert.findMany({
        where: {
          AND: [
            status ? { status } : {},
            filter.integrationId ? { integrationId: filter.integrationId } : {},
            afterCursor("firedAt", decodeCursor(cursor)),
          ],
        },
        orderBy: [{ firedAt: "desc" }, { id: "desc" }],
        take: limit + 1,
      });
      return pageOf(rows.map(toRecord), limit, (r) => r.firedAt);
    },
  };
}
