import { getKpis, ZKpiQuery } from "@/lib/core/kpis/get-kpis";
import { ZKpis } from "@/lib/core/kpis/schemas";
import { endpoint } from "../endpoint";

export const kpisEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/kpis",
  summary:
    "KPI series (hour or day buckets), totals beside the previous period, and integrations ranked (from/to default to the last 24 hours)",
  action: "kpis.read",
  query: ZKpiQuery,
  response: ZKpis,
  run: ({ ctx, query }) => getKpis({ ctx, input: query }),
});
