// GET /api/v1/kpis: the KPI series over hour or day buckets, the period's
// totals beside the previous period's, the backlog now, and the integrations
// ranked by failure rate and by open backlog. Reads only the hourly rollups.
import { z } from "zod";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { invalidInput } from "../errors";
import { parseInput } from "../parse";
import { DEFINITIONS, kpisOf, periodOf } from "./aggregate";
import { backlogAt, SNAPSHOT_LOOKBACK_MS } from "./backlog";
import { HOUR_MS, splitByDay } from "./days";
import { MINIMUM_VOLUME, worstByFailure } from "./ranking";
import type { TKpis } from "./schemas";

export const ZKpiQuery = z.object({
  integration: z.string().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  bucket: z.enum(["hour", "day"]).default("hour"),
});
export type TKpiQuery = z.input<typeof ZKpiQuery>;

const MAX_RANGE_MS = 400 * 86_400_000;

/** The rollup rows covering [from, to) (an hour cut by `from` counts whole): by day, whole days come from the day rows. */
async function rowsFor(ctx: Ctx, integrationIds: string[], from: Date, to: Date, bucket: "hour" | "day") {
  const split =
    bucket === "day"
      ? splitByDay(from, to)
      : { hours: [{ from: new Date(Math.floor(from.getTime() / HOUR_MS) * HOUR_MS), to }], days: null };
  const parts = await Promise.all([
    ...split.hours.map((span) => ctx.repos.kpis.hours({ integrationIds, ...span })),
    ...(split.days ? [ctx.repos.kpis.days({ integrationIds, ...split.days })] : []),
  ]);
  return parts.flat();
}

export async function getKpis({ ctx, input }: { ctx: Ctx; input: TKpiQuery }): Promise<TKpis> {
  authorize(ctx, "kpis.read");
  const q = parseInput(ZKpiQuery, input, "query");
  const to = q.to ? new Date(q.to) : ctx.now();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 86_400_000);
  if (from >= to) throw invalidInput("from must be before to.", [{ path: "/from", message: "after to" }]);
  if (to.getTime() - from.getTime() > MAX_RANGE_MS)
    throw invalidInput("Choose a range of at most 400 days.", [{ path: "/from", message: "range too long" }]);
  const integrations = await ctx.repos.integrations.list();
  const scope = q.integration ? integrations.filter((i) => i.slug === q.integration) : integrations;
  if (q.integration && scope.length === 0)
    throw invalidInput(`No integration "${q.integration}".`, [{ path: "/integration", message: "unknown" }]);
  const ids = scope.map((i) => i.id);
  const length = to.getTime() - from.getTime();
  const previousFrom = new Date(from.getTime() - length);
  const [inRange, previousRows, snapshots] = await Promise.all([
    rowsFor(ctx, ids, from, to, q.bucket),
    rowsFor(ctx, ids, previousFrom, from, q.bucket),
    ctx.repos.kpis.backlogRows({
      integrationIds: ids,
      from: new Date(from.getTime() - SNAPSHOT_LOOKBACK_MS - HOUR_MS),
      to: from,
    }),
  ]);
  const current = periodOf(inRange, from, to, q.bucket);
  const previous = periodOf(previousRows, previousFrom, from, q.bucket);
  // The backlog as it was when the previous period ended, from the snapshots; null: no earlier figure.
  const before = backlogAt(snapshots, from);
  const ranking = scope
    .filter((i) => !i.archivedAt)
    .map((i) => {
      const values = kpisOf(
        inRange.filter((r) => r.integrationId === i.id),
        { durations: false },
      );
      return {
        integration: i.slug,
        name: i.name,
        received: values.received,
        failureRate: values.failureRate,
        openExceptions: values.openExceptions,
        pendingDeliveries: values.pendingDeliveries,
      };
    })
    .sort((a, b) => (b.failureRate ?? -1) - (a.failureRate ?? -1) || b.openExceptions - a.openExceptions);
  const previousTotals = {
    ...previous.totals,
    openExceptions: before?.openExceptions ?? null,
    pendingDeliveries: before?.pendingDeliveries ?? null,
    oldestPendingMs: before?.oldestPendingMs ?? null,
  };
  return {
    range: { from: from.toISOString(), to: to.toISOString(), bucket: q.bucket, integration: q.integration ?? null },
    totals: current.totals,
    /** the backlog figures are the snapshot at the end of the previous period, null when none was taken then */
    previous: previousTotals,
    series: current.series,
    /** the previous period bucket by bucket, aligned with `series` by position */
    previousSeries: previous.series,
    ranking,
    /** the worst failure rates among integrations with at least `minimumVolume` records in the period */
    worstByFailure: worstByFailure(ranking),
    minimumVolume: MINIMUM_VOLUME,
    definitions: DEFINITIONS,
  };
}
