// GET /api/v1/kpis – the KPI series, totals and ranking (every role)
import { kpisEndpoint } from "@/lib/server/api/kpis";
import { handle } from "@/lib/server/route";

export const GET = handle(kpisEndpoint);
