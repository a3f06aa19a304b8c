// What GET /api/metrics reads besides the live backlog: the hourly rollups
// summed in the store (attempt buckets element-wise, in SQL, so a scrape never
// loads every hour's JSON), and the deliveries in flight.
import type { MetricsRepo, RollupTotals } from "@/lib/core/ports";
import type { DbTx } from "../client";
import type { Provider } from "../database-url";
import { rawQuery } from "../raw";

/** Sources the rollups count (self-tests and reconciliation stand-ins never are). */
const COUNTED = ["relay", "tracked"];

/** Σ attemptBuckets[i] per integration and index i (stored as a JSON array per hour). */
const BUCKET_SUMS: Record<Provider, string> = {
  postgresql: `SELECT k."integrationId" AS "integrationId", CAST(j.ord - 1 AS INTEGER) AS i, CAST(SUM(CAST(j.v AS NUMERIC)) AS DOUBLE PRECISION) AS n
    FROM "KpiHour" k CROSS JOIN LATERAL jsonb_array_elements_text(k."attemptBuckets") WITH ORDINALITY AS j(v, ord)
    WHERE k."attempts" > 0 AND jsonb_typeof(k."attemptBuckets") = 'array'
    GROUP BY k."integrationId", j.ord`,
  sqlite: `SELECT k."integrationId" AS "integrationId", CAST(j.key AS INTEGER) AS i, CAST(SUM(j.value) AS REAL) AS n
    FROM "KpiHour" k, json_each(k."attemptBuckets") j
    WHERE k."attempts" > 0 AND json_type(k."attemptBuckets") = 'array'
    GROUP BY k."integrationId", j.key`,
};

type BucketSum = { integrationId: string; i: number | bigint; n: number | bigint };

function bucketsByIntegration(rows: BucketSum[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const buckets = out.get(r.integrationId) ?? [];
    buckets[Number(r.i)] = Number(r.n);
    out.set(r.integrationId, buckets);
  }
  return out;
}

export function metricsRepo(db: DbTx, provider: Provider): MetricsRepo {
  return {
    async rollupTotals() {
      const [sums, bucketRows] = await Promise.all([
        db.kpiHour.groupBy({
          by: ["integrationId"],
          _sum: { received: true, succeeded: true, failed: true, attempts: true, attemptSumMs: true },
        }),
        rawQuery<BucketSum>(db, provider, BUCKET_SUMS[provider], []),
      ]);
      const buckets = bucketsByIntegration(bucketRows);
      return sums.map((s): RollupTotals => ({
        integrationId: s.integrationId,
        received: s._sum.received ?? 0,
        succeeded: s._sum.succeeded ?? 0,
        failed: s._sum.failed ?? 0,
        attempts: s._sum.attempts ?? 0,
        attemptSumMs: s._sum.attemptSumMs ?? 0,
        attemptBuckets: Array.from(buckets.get(s.integrationId) ?? [], (n) => n ?? 0),
      }));
    },
    async inFlight(now) {
      // An attempt under way is a leased delivery job (claims do not write the event); their number is bounded by
      // the workers' concurrency, so reading them is cheap. Self-tests are not counted, as in the rollups.
      const leased = await db.queueJob.findMany({
        where: { kind: { in: ["deliver", "replay_webhook"] }, lockedUntil: { gt: now }, eventId: { not: null } },
        select: { eventId: true },
        take: 10_000,
      });
      const counted = await db.event.groupBy({
        by: ["integrationId"],
        where: { id: { in: leased.map((j) => j.eventId!) }, source: { in: COUNTED } },
        _count: { _all: true },
      });
      return counted.map((r) => ({ integrationId: r.integrationId, count: r._count._all }));
    },
  };
}
