// GET /api/metrics: what Prometheus scrapes, per integration. Counters come
// from the hourly rollups (so they move when the worker's rollup runs); the
// queue, backlog and in-flight gauges are read live.
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { ATTEMPT_BUCKETS_S } from "../kpis/histogram";
import type { RollupTotals } from "../ports";

export interface IntegrationMetrics {
  /** the integration's slug (the `integration` label) */
  integration: string;
  received: number;
  delivered: number;
  failed: number;
  inFlight: number;
  queueDepth: number;
  oldestPendingSeconds: number;
  openExceptions: number;
  /** delivery attempt durations: per-bucket counts over ATTEMPT_BUCKETS_S (not cumulative), sum in seconds, count */
  attempts: { buckets: number[]; sumSeconds: number; count: number };
}

const NO_TOTALS: Omit<RollupTotals, "integrationId"> = {
  received: 0,
  succeeded: 0,
  failed: 0,
  attempts: 0,
  attemptSumMs: 0,
  attemptBuckets: [],
};

/** Per-bucket counts aligned with ATTEMPT_BUCKETS_S (missing buckets are 0, extra ones dropped). */
export function alignBuckets(buckets: readonly number[]): number[] {
  return ATTEMPT_BUCKETS_S.map((_, i) => buckets[i] ?? 0);
}

/**
 * Every integration (slug order), zeros where nothing happened yet, so each
 * series exists from the first scrape.
 * @throws DomainError forbidden without `metrics.read`
 */
export async function readMetrics({ ctx }: { ctx: Ctx }): Promise<IntegrationMetrics[]> {
  authorize(ctx, "metrics.read");
  const now = ctx.now();
  const [integrations, totals, inFlight, backlog] = await Promise.all([
    ctx.repos.integrations.list(),
    ctx.repos.metrics.rollupTotals(),
    ctx.repos.metrics.inFlight(now),
    ctx.repos.kpis.backlog(now),
  ]);
  return integrations
    .map((i) => {
      const t = totals.find((x) => x.integrationId === i.id) ?? NO_TOTALS;
      const b = backlog.find((x) => x.integrationId === i.id);
      return {
        integration: i.slug,
        received: t.received,
        delivered: t.succeeded,
        failed: t.failed,
        inFlight: inFlight.find((x) => x.integrationId === i.id)?.count ?? 0,
        queueDepth: b?.pendingDeliveries ?? 0,
        oldestPendingSeconds: (b?.oldestPendingMs ?? 0) / 1000,
        openExceptions: b?.openExceptions ?? 0,
        attempts: { buckets: alignBuckets(t.attemptBuckets), sumSeconds: t.attemptSumMs / 1000, count: t.attempts },
      };
    })
    .sort((a, b) => (a.integration < b.integration ? -1 : a.integration > b.integration ? 1 : 0));
}
