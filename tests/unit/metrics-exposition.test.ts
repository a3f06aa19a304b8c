// The /api/metrics exposition: the attempt histogram, built from precomputed
// bucket counts, prints exactly what prom-client's own Histogram prints for the
// same observations; counters and gauges come straight from prom-client.
import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { ATTEMPT_BUCKETS_S, attemptBucketsOf } from "@/lib/core/kpis/histogram";
import { alignBuckets, type IntegrationMetrics } from "@/lib/core/metrics/read-metrics";
import { exposition, METRICS_CONTENT_TYPE } from "@/lib/server/metrics";

// Binary fractions of a second, so prom-client's running sum and ours are the same float.
const DURATIONS_MS: Record<string, number[]> = {
  "shop-a": [7.8125, 31.25, 250, 500, 2_000, 64_000],
  "shop-b": [],
  'odd"slug\\': [1],
};

function row(integration: string, ms: number[]): IntegrationMetrics {
  return {
    integration,
    received: ms.length,
    delivered: 1,
    failed: 0,
    inFlight: 0,
    queueDepth: 2,
    oldestPendingSeconds: 1.5,
    openExceptions: 0,
    attempts: { buckets: attemptBucketsOf(ms), sumSeconds: ms.reduce((a, b) => a + b, 0) / 1000, count: ms.length },
  };
}

const family = (text: string, name: string) =>
  text
    .split("\n\n")
    .find((block) => block.startsWith(`# HELP ${name} `))
    ?.trimEnd();

describe("metrics exposition", () => {
  it("writes the histogram as prom-client's Histogram would", async () => {
    const reference = new Registry();
    const histogram = new Histogram({
      name: "signalbox_attempt_duration_seconds",
      help: "Delivery attempt durations in seconds, from the hourly rollups.",
      labelNames: ["integration"],
      buckets: ATTEMPT_BUCKETS_S,
      registers: [reference],
    });
    for (const [integration, ms] of Object.entries(DURATIONS_MS)) {
      histogram.zero({ integration });
      for (const v of ms) histogram.observe({ integration }, v / 1000);
    }
    const ours = await exposition(Object.entries(DURATIONS_MS).map(([slug, ms]) => row(slug, ms)));
    expect(family(ours, "signalbox_attempt_duration_seconds")).toBe((await reference.metrics()).trimEnd());
  });

  it("declares the registry's content type and one series per integration", async () => {
    expect(METRICS_CONTENT_TYPE).toBe(new Registry().contentType);
    const text = await exposition([row("shop-a", [10]), row("shop-b", [])]);
    expect(family(text, "signalbox_queue_depth")!.split("\n")).toEqual([
      "# HELP signalbox_queue_depth Deliveries pending right now (events received, processing or retrying).",
      "# TYPE signalbox_queue_depth gauge",
      'signalbox_queue_depth{integration="shop-a"} 2',
      'signalbox_queue_depth{integration="shop-b"} 2',
    ]);
    expect(family(text, "signalbox_events_received_total")!.split("\n").slice(1)).toEqual([
      "# TYPE signalbox_events_received_total counter",
      'signalbox_events_received_total{integration="shop-a"} 1',
      'signalbox_events_received_total{integration="shop-b"} 0',
    ]);
  });

  it("aligns stored bucket counts with the bounds", () => {
    expect(alignBuckets([1, 2])).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(alignBuckets(Array(20).fill(1))).toHaveLength(ATTEMPT_BUCKETS_S.length);
  });
});
