import { describe, expect, it } from "vitest";
import { kpisOf } from "@/lib/core/kpis/aggregate";
import { mergeRollups, splitByDay } from "@/lib/core/kpis/days";
import { histogramOf } from "@/lib/core/kpis/histogram";
import type { StoredHour } from "@/lib/core/ports";

const t = (iso: string) => new Date(iso);
const hour = (iso: string, o: Partial<StoredHour>): StoredHour => ({
  integrationId: "a",
  hour: t(iso),
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
  attempts: 0,
  attemptBuckets: null,
  attemptSumMs: 0,
  ...o,
});

describe("whole-day rollups", () => {
  const hours = [
    hour("2026-05-01T09:00:00Z", {
      received: 4,
      exceptionEvents: 1,
      duplicates: 1,
      firstFailed: 2,
      autoRecovered: 1,
      completed: 3,
      lagHist: histogramOf([1024, 2048, 4096]),
      manual: { "exception.retry": 1 },
      attempts: 2,
      attemptBuckets: [1, 1, 0],
      attemptSumMs: 12,
      openExceptions: 5,
      pendingDeliveries: 2,
      oldestPendingMs: 60_000,
    }),
    hour("2026-05-01T17:00:00Z", {
      received: 6,
      exceptionEvents: 2,
      firstFailed: 1,
      completed: 6,
      lagHist: histogramOf([1024, 1024, 1024, 8192, 8192, 16_384]),
      recoveries: 1,
      recoveryHist: histogramOf([4096]),
      manual: { "exception.retry": 2, "exception.assign": 1 },
      attempts: 1,
      attemptBuckets: [0, 0, 1],
      attemptSumMs: 30,
      openExceptions: 3,
      pendingDeliveries: 0,
      oldestPendingMs: 0,
    }),
  ];

  it("add up the counts, merge the histograms and keep the day's last backlog snapshot", () => {
    const day = mergeRollups("a", t("2026-05-01T00:00:00Z"), hours);
    expect(day).toMatchObject({
      hour: t("2026-05-01T00:00:00Z"),
      received: 10,
      exceptionEvents: 3,
      duplicates: 1,
      firstFailed: 3,
      autoRecovered: 1,
      completed: 9,
      recoveries: 1,
      attempts: 3,
      attemptBuckets: [1, 1, 1],
      attemptSumMs: 42,
      openExceptions: 3,
      pendingDeliveries: 0,
      oldestPendingMs: 0,
    });
    expect(day.manual).toEqual({ "exception.retry": 3, "exception.assign": 1 });
    // The KPIs of the merged day are the KPIs of its hours.
    expect(kpisOf([day])).toEqual(kpisOf(hours));
  });

  it("of a day with no rows are zero and empty", () => {
    expect(mergeRollups("a", t("2026-05-02T00:00:00Z"), [])).toMatchObject({
      received: 0,
      lagHist: null,
      manual: null,
      attemptBuckets: null,
      openExceptions: 0,
    });
  });

  it("cover a range's whole days, leaving the ragged edges to the hours", () => {
    expect(splitByDay(t("2026-05-01T10:30:00Z"), t("2026-05-04T06:00:00Z"))).toEqual({
      hours: [
        { from: t("2026-05-01T10:00:00Z"), to: t("2026-05-02T00:00:00Z") },
        { from: t("2026-05-04T00:00:00Z"), to: t("2026-05-04T06:00:00Z") },
      ],
      days: { from: t("2026-05-02T00:00:00Z"), to: t("2026-05-04T00:00:00Z") },
    });
    expect(splitByDay(t("2026-05-01T00:00:00Z"), t("2026-05-03T00:00:00Z"))).toEqual({
      hours: [],
      days: { from: t("2026-05-01T00:00:00Z"), to: t("2026-05-03T00:00:00Z") },
    });
    expect(splitByDay(t("2026-05-01T10:00:00Z"), t("2026-05-02T09:00:00Z"))).toEqual({
      hours: [{ from: t("2026-05-01T10:00:00Z"), to: t("2026-05-02T09:00:00Z") }],
      days: null,
    });
  });
});
