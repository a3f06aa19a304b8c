import { z } from "zod";
import { getKpis, ZKpiQuery } from "@/lib/core/kpis/get-kpis";
import { endpoint } from "../endpoint";

const num = z.number().nullable();
export const ZKpiValues = z.object({
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

const ZRankRow = z.object({
  integration: z.string(),
  name: z.string(),
  received: z.number(),
  failureRate: num,
  openExceptions: z.number(),
  pendingDeliveries: z.number(),
});

export const kpisEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/kpis",
  summary:
    "KPI series (hour or day buckets), totals beside the previous period, and integrations ranked (from/to default to the last 24 hours)",
  action: "kpis.read",
  query: ZKpiQuery,
  response: z.object({
    range: z.object({
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
    previousSeries: z.array(ZKpiValues.extend({ at: z.string() })),
    ranking: z.array(ZRankRow),
    worstByFailure: z
      .array(ZRankRow)
      .describe("the worst failure rates among integrations with at least minimumVolume records"),
    minimumVolume: z.number(),
    definitions: z.record(z.string(), z.string()),
  }),
  run: ({ ctx, query }) => getKpis({ ctx, input: query }),
});
