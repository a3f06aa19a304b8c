// What GET /api/v1/kpis answers.
import { z } from "zod";

const num = z.number().nullable();
export const ZKpiValues = z.strictObject({
  received: z.number(),
  failureRate: num,
  duplicateRate: num,
  recoveryP50Ms: num,
  recoveryP90Ms: num,
  manualInterventions: z.number(),
  manualByAction: z.record(z.string(), z.number()),
  autoRecoveryRate: num,
  lagP50Ms: num,
  lagP95Ms: num,
  openExceptions: z.number(),
  pendingDeliveries: z.number(),
  oldestPendingMs: z.number(),
});
export type TKpiValues = z.output<typeof ZKpiValues>;

export const ZRankRow = z.strictObject({
  integration: z.string(),
  name: z.string(),
  received: z.number(),
  failureRate: num,
  openExceptions: z.number(),
  pendingDeliveries: z.number(),
});
export type TRankRow = z.output<typeof ZRankRow>;

export const ZKpis = z.strictObject({
  range: z.strictObject({
    from: z.string(),
    to: z.string(),
    bucket: z.enum(["hour", "day"]),
    integration: z.string().nullable(),
  }),
  totals: ZKpiValues,
  previous: ZKpiValues.extend({ openExceptions: num, pendingDeliveries: num, oldestPendingMs: num }).describe(
    "the backlog figures: the snapshot at the end of the previous period, null when none was taken then",
  ),
  series: z.array(ZKpiValues.extend({ at: z.string() })),
  /** the previous period bucket by bucket, aligned with `series` by position */
  previousSeries: z.array(ZKpiValues.extend({ at: z.string() })),
  ranking: z.array(ZRankRow),
  worstByFailure: z
    .array(ZRankRow)
    .describe("the worst failure rates among integrations with at least minimumVolume records"),
  minimumVolume: z.number(),
  definitions: z.record(z.string(), z.string()),
});
export type TKpis = z.output<typeof ZKpis>;
