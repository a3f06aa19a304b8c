// The Prometheus text exposition of GET /api/metrics, written by prom-client:
// a fresh registry per scrape (no process-wide state, nothing to reset).
import { Counter, Gauge, Registry, type Metric } from "prom-client";
import { ATTEMPT_BUCKETS_S } from "@/lib/core/kpis/histogram";
import type { IntegrationMetrics } from "@/lib/core/metrics/read-metrics";

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

type Rows = IntegrationMetrics[];
const labelNames = ["integration"] as const;

const COUNTERS = [
  [
    "signalbox_events_received_total",
    "Records received per integration (duplicates not counted), from the hourly rollups.",
    (r) => r.received,
  ],
  [
    "signalbox_events_delivered_total",
    "Records delivered (status succeeded) per integration, from the hourly rollups.",
    (r) => r.delivered,
  ],
  [
    "signalbox_events_failed_total",
    "Records that failed for good (status failed) per integration, from the hourly rollups.",
    (r) => r.failed,
  ],
] as const satisfies readonly (readonly [string, string, (r: IntegrationMetrics) => number])[];

const GAUGES = [
  [
    "signalbox_deliveries_in_flight",
    "Delivery attempts under way right now (leased delivery jobs).",
    (r) => r.inFlight,
  ],
  [
    "signalbox_queue_depth",
    "Deliveries pending right now (events received, processing or retrying).",
    (r) => r.queueDepth,
  ],
  [
    "signalbox_oldest_pending_age_seconds",
    "Age of the oldest record still waiting to be delivered, in seconds (0 when none).",
    (r) => r.oldestPendingSeconds,
  ],
  ["signalbox_exceptions_open", "Open exceptions (the exception backlog).", (r) => r.openExceptions],
] as const satisfies readonly (readonly [string, string, (r: IntegrationMetrics) => number])[];

const HISTOGRAM = "signalbox_attempt_duration_seconds";
const HISTOGRAM_HELP = "Delivery attempt durations in seconds, from the hourly rollups.";

/** One histogram series laid out exactly as prom-client's own Histogram prints it: cumulative buckets, +Inf, sum, count. */
function histogramValues(r: IntegrationMetrics) {
  const sharedLabels = { integration: r.integration };
  let cumulative = 0;
  const buckets = ATTEMPT_BUCKETS_S.map((le, i) => {
    cumulative += r.attempts.buckets[i] ?? 0;
    return { metricName: `${HISTOGRAM}_bucket`, labels: { le }, sharedLabels, value: cumulative };
  });
  return [
    ...buckets,
    { metricName: `${HISTOGRAM}_bucket`, labels: { le: "+Inf" }, sharedLabels, value: r.attempts.count },
    { metricName: `${HISTOGRAM}_sum`, labels: {}, sharedLabels, value: r.attempts.sumSeconds },
    { metricName: `${HISTOGRAM}_count`, labels: {}, sharedLabels, value: r.attempts.count },
  ];
}

/**
 * The bucket counts are precomputed by the rollup, and prom-client's Histogram
 * can only observe single values, so this is a custom metric: the registry
 * needs only `name`, `help`, `type` and `get()` (its types list prom-client's
 * own classes, hence the cast).
 */
function attemptHistogram(rows: Rows): Metric {
  const shape = { name: HISTOGRAM, help: HISTOGRAM_HELP, type: "histogram", aggregator: "sum" } as const;
  const collector = { ...shape, get: async () => ({ ...shape, values: rows.flatMap(histogramValues) }) };
  return collector as unknown as Metric;
}

/** The exposition text for these rows (one series per integration and metric). */
export async function exposition(rows: Rows): Promise<string> {
  const registry = new Registry();
  registry.setContentType(METRICS_CONTENT_TYPE);
  for (const [name, help, value] of COUNTERS) {
    const counter = new Counter({ name, help, labelNames, registers: [registry] });
    for (const r of rows) counter.inc({ integration: r.integration }, value(r));
  }
  for (const [name, help, value] of GAUGES) {
    const gauge = new Gauge({ name, help, labelNames, registers: [registry] });
    for (const r of rows) gauge.set({ integration: r.integration }, value(r));
  }
  registry.registerMetric(attemptHistogram(rows));
  return registry.metrics();
}
