// GET /api/metrics – Prometheus scrape target (personal access token or session; metrics.read)
import { metricsEndpoint } from "@/lib/server/api/metrics";
import { handle } from "@/lib/server/route";

export const GET = handle(metricsEndpoint);
