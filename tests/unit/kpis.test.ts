import { describe, expect, it } from "vitest";
import { kpisOf, periodOf, seriesOf, type HourRow } from "@/lib/core/kpis/aggregate";
import { attemptBucketsOf, bucketOf, histogramOf, merge, percentile, upperBound } from "@/lib/core/kpis/histogram";

describe("duration histograms", () => {
  it("report powers of two exactly and anything else within 4.4 %", () => {
    for (const v of [1, 2, 1024, 65_536, 2 ** 30]) expect(upperBound(bucketOf(v))).toBeCloseTo(v, 6);
    for (const v of [3, 999, 1_234_567]) {
      const reported = upperBound(bucketOf(v));
      expect(reported).toBeGreaterThanOrEqual(v);
      expect(reported / v).toBeLessThan(1.045);
    }
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(-5)).toBe(0);
  });

  it("take nearest-rank percentiles and merge across hours", () => {
    const a = histogramOf([1024, 2048]);
    const b = histogramOf([4096, 8192, 16_384]);
    const both = merge(merge({}, a), b);
    expect(percentile(both, 50)).toBe(4096);
    expect(percentile(both, 90)).toBe(16_384);
    expect(percentile(both, 20)).toBe(1024);
    expect(percentile({}, 50)).toBeNull();
  });

  it("count attempt durations into Prometheus buckets", () => {
    expect(attemptBucketsOf([3, 5, 7, 60, 20_000, 99_000])).toEqual([2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
  });
});

const H = (iso: string) => new Date(iso);
const row = (over: Partial<HourRow>): HourRow => ({
  integrationId: "A",
  hour: H("2026-05-01T10:00:00Z"),
  received: 0,
  exceptionEvents: 0,
  duplicates: 0,
  firstFailed: 0,
  autoRecovered: 0,
  succeeded: 0,
  failed: 0,
  completed: 0,
  lagHist: null,
  recoveries: 0,
  recoveryHist: null,
  manual: null,
  openExceptions: 0,
  pendingDeliveries: 0,
  oldestPendingMs: 0,
  ...over,
});

describe("KPI definitions on a fixture (hand-computed)", () => {
  const rows = [
    row({
      received: 5,
      exceptionEvents: 2,
      duplicates: 2,
      firstFailed: 3,
      autoRecovered: 1,
      lagHist: histogramOf([1024, 2048, 8192, 0]),
      recoveryHist: histogramOf([4096]),
      manual: { "exception.replay": 1, "exception.assign": 1 },
    }),
    row({
      integrationId: "B",
      hour: H("2026-05-01T11:00:00Z"),
      received: 1,
      exceptionEvents: 1,
      firstFailed: 1,
      lagHist: histogramOf([16_384]),
    }),
    row({ hour: H("2026-05-01T12:00:00Z"), openExceptions: 1, pendingDeliveries: 1, oldestPendingMs: 6_600_000 }),
    row({ integrationId: "B", hour: H("2026-05-01T12:00:00Z"), openExceptions: 1 }),
  ];

  it("gives every KPI of PRODUCT.md", () => {
    expect(kpisOf(rows)).toEqual({
      received: 6,
      failureRate: 3 / 6,
      duplicateRate: 2 / 8,
      recoveryP50Ms: 4096,
      recoveryP90Ms: 4096,
      manualInterventions: 2,
      manualByAction: { "exception.replay": 1, "exception.assign": 1 },
      autoRecoveryRate: 1 / 4,
      lagP50Ms: 2048,
      lagP95Ms: 16_384,
      openExceptions: 2,
      pendingDeliveries: 1,
      oldestPendingMs: 6_600_000,
    });
  });

  it("has no rate without a denominator", () => {
    const empty = kpisOf([]);
    expect([
      empty.failureRate,
      empty.duplicateRate,
      empty.autoRecoveryRate,
      empty.lagP50Ms,
      empty.recoveryP90Ms,
    ]).toEqual([null, null, null, null, null]);
  });

  it("buckets by hour and by day, empty buckets included", () => {
    const hourly = seriesOf(rows, H("2026-05-01T09:00:00Z"), H("2026-05-01T13:00:00Z"), "hour");
    expect(hourly.map((s) => [s.at.slice(11, 13), s.received, s.failureRate])).toEqual([
      ["09", 0, null],
      ["10", 5, 0.4],
      ["11", 1, 1],
      ["12", 0, null],
    ]);
    const daily = seriesOf(rows, H("2026-04-30T00:00:00Z"), H("2026-05-02T00:00:00Z"), "day");
    expect(daily.map((s) => [s.at.slice(0, 10), s.received])).toEqual([
      ["2026-04-30", 0],
      ["2026-05-01", 6],
    ]);
  });

  it("adds the buckets up to the same totals as the rows, and can skip the percentiles", () => {
    for (const size of ["hour", "day"] as const) {
      expect(periodOf(rows, H("2026-04-30T00:00:00Z"), H("2026-05-02T00:00:00Z"), size).totals).toEqual(kpisOf(rows));
    }
    const counts = kpisOf(rows, { durations: false });
    expect([counts.received, counts.failureRate, counts.lagP50Ms, counts.recoveryP90Ms]).toEqual([
      kpisOf(rows).received,
      kpisOf(rows).failureRate,
      null,
      null,
    ]);
  });
});
