import { describe, expect, it } from "vitest";
import type { Kpis } from "@/lib/client/hooks/kpis";
import { csvCell, kpiCsv, kpiCsvName } from "@/lib/client/kpi-csv";
import { rangeQuery } from "@/lib/client/kpi-range";
import { fromDraft, toDraft } from "@/lib/client/threshold-draft";
import { ZAlertThresholds } from "@/lib/core/integrations/schemas";

const now = Date.parse("2026-11-29T10:00:30Z");

describe("KPI range picker", () => {
  it("turns presets into from/to and a bucket size", () => {
    expect(rangeQuery({ preset: "24h" }, now)).toEqual({
      from: "2026-11-28T10:01:00.000Z",
      to: "2026-11-29T10:01:00.000Z",
      bucket: "hour",
    });
    expect(rangeQuery({ preset: "7d" }, now)).toMatchObject({ from: "2026-11-22T10:01:00.000Z", bucket: "day" });
    expect(rangeQuery({ preset: "30d" }, now)).toMatchObject({ from: "2026-10-30T10:01:00.000Z", bucket: "day" });
  });

  it("takes whole UTC days for a custom range and explains a bad one", () => {
    expect(rangeQuery({ preset: "custom", fromDay: "2026-11-01", toDay: "2026-11-10" }, now)).toEqual({
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-11T00:00:00.000Z",
      bucket: "day",
    });
    expect(rangeQuery({ preset: "custom", fromDay: "2026-11-01", toDay: "2026-11-01" }, now)).toMatchObject({
      bucket: "hour",
    });
    expect(rangeQuery({ preset: "custom", fromDay: "2026-11-05", toDay: "2026-11-01" }, now)).toEqual({
      error: "The end date must be on or after the start date.",
    });
    expect(rangeQuery({ preset: "custom", fromDay: "2026-11-05" }, now)).toEqual({
      error: "Pick a start and an end date.",
    });
    expect(rangeQuery({ preset: "custom", fromDay: "2024-01-01", toDay: "2026-01-01" }, now)).toEqual({
      error: "Choose a range of at most 400 days.",
    });
  });
});

const point = (at: string, extra: Partial<Kpis["series"][number]> = {}): Kpis["series"][number] => ({
  at,
  received: 0,
  failureRate: null,
  duplicateRate: null,
  recoveryP50Ms: null,
  recoveryP90Ms: null,
  manualInterventions: 0,
  manualByAction: {},
  autoRecoveryRate: null,
  lagP50Ms: null,
  lagP95Ms: null,
  openExceptions: 0,
  pendingDeliveries: 0,
  oldestPendingMs: 0,
  ...extra,
});

describe("KPI CSV export", () => {
  it("has one row per bucket of both periods, every series as a column, manual actions split", () => {
    const data = {
      range: { from: "2026-11-29T08:00:00.000Z", to: "2026-11-29T10:00:00.000Z", bucket: "hour", integration: "shop" },
      series: [
        point("2026-11-29T08:00:00.000Z", {
          received: 10,
          failureRate: 0.1,
          manualInterventions: 2,
          manualByAction: { "exception.retry": 2 },
        }),
        point("2026-11-29T09:00:00.000Z"),
      ],
      previousSeries: [
        point("2026-11-29T06:00:00.000Z", { manualByAction: { "exception.assign": 1 }, manualInterventions: 1 }),
        point("2026-11-29T07:00:00.000Z"),
      ],
    } as unknown as Kpis;
    const lines = kpiCsv(data).trimEnd().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(
      "period,bucket_start,integration,received,failureRate,duplicateRate,recoveryP50Ms,recoveryP90Ms,manualInterventions,autoRecoveryRate,lagP50Ms,lagP95Ms,openExceptions,pendingDeliveries,oldestPendingMs,manual:exception.assign,manual:exception.retry",
    );
    expect(lines[1]).toBe("current,2026-11-29T08:00:00.000Z,shop,10,0.1,,,,2,,,,0,0,0,0,2");
    expect(lines[3]).toBe("previous,2026-11-29T06:00:00.000Z,shop,0,,,,,1,,,,0,0,0,1,0");
    expect(kpiCsvName(data)).toBe("signalbox-kpis-shop-2026-11-29-08-00-to-2026-11-29-10-00.csv");
  });

  it("quotes and defuses cells", () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
  });
});

describe("alert threshold form", () => {
  it("round-trips thresholds through the form and produces what the API accepts", () => {
    const t = {
      failureRatePct: 5,
      failureWindowMinutes: 10,
      p95LagMs: 30_000,
      silenceMinutes: 60,
      activeHours: { from: 8, to: 18, days: [1, 2, 3] },
      notify: { email: ["a@example.com", "b@example.com"], slackUrl: "https://hooks.example/x" },
    };
    const back = fromDraft(toDraft(t));
    expect(ZAlertThresholds.parse(back)).toEqual({
      ...t,
      notify: { email: ["a@example.com", "b@example.com"], slackUrl: "https://hooks.example/x" },
    });
  });

  it("clears to null when nothing is set", () => {
    expect(fromDraft(toDraft(null))).toBeNull();
  });

  it("carries the paging channels: the masked keys as shown (kept by the API), the Opsgenie region only with a key", () => {
    const shown = {
      backlogMax: 3,
      notify: { pagerdutyRoutingKey: "••••WXYZ", opsgenieApiKey: "••••et42", opsgenieRegion: "eu" as const },
    };
    const draft = toDraft(shown);
    expect([draft.pagerdutyRoutingKey, draft.opsgenieApiKey, draft.opsgenieRegion]).toEqual([
      "••••WXYZ",
      "••••et42",
      "eu",
    ]);
    expect(ZAlertThresholds.parse(fromDraft(draft))).toEqual({ ...shown, failureWindowMinutes: 15 });
    // A cleared key stops paging there; the region means nothing without the Opsgenie key.
    expect(fromDraft({ ...draft, pagerdutyRoutingKey: " ", opsgenieApiKey: "" })?.notify).toBeUndefined();
    expect(toDraft(null).opsgenieRegion).toBe("us");
  });
});
