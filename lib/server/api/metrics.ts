import { z } from "zod";
import { readMetrics } from "@/lib/core/metrics/read-metrics";
import { endpoint } from "../endpoint";
import { exposition, METRICS_CONTENT_TYPE } from "../metrics";

export const metricsEndpoint = endpoint({
  method: "GET",
  path: "/api/metrics",
  summary:
    "Prometheus text exposition: record counters, queue depth, in-flight deliveries, oldest pending age, open exceptions and attempt durations per integration",
  action: "metrics.read",
  response: z.string(),
  produces: METRICS_CONTENT_TYPE,
  run: async ({ ctx }) => exposition(await readMetrics({ ctx })),
});
