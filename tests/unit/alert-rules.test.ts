import { describe, expect, it } from "vitest";
import { activeSince, configuredRules, judge } from "@/lib/core/alerts/rules";
import type { AlertMeasures } from "@/lib/core/alerts/types";

const none: AlertMeasures = {
  received: 0,
  exceptionEvents: 0,
  firstFailed: 0,
  lagPopulation: 0,
  lagOver: 0,
  openExceptions: 0,
  overdueExceptions: 0,
  stalledOpen: 0,
  lastReceivedAt: null,
};
const now = new Date("2026-06-01T10:00:00Z"); // a Monday
const verdict = (t: Parameters<typeof judge>[0], m: Partial<AlertMeasures>, rule: string, liveAt: Date | null = null) =>
  judge(t, { ...none, ...m }, { now, liveAt }).find((v) => v.rule === rule)!;

describe("alert rules", () => {
  it("failure rate fires strictly above the limit and never on an empty window", () => {
    const t = { failureWindowMinutes: 15, failureRatePct: 5 };
    expect(verdict(t, { received: 20, exceptionEvents: 1 }, "failure_rate")).toMatchObject({ firing: false, value: 5 });
    expect(verdict(t, { received: 19, exceptionEvents: 1 }, "failure_rate").firing).toBe(true);
    expect(verdict(t, { received: 0 }, "failure_rate").firing).toBe(false);
  });

  it("first-attempt failures are judged on their own", () => {
    const t = { failureWindowMinutes: 15, firstAttemptFailureRatePct: 10 };
    expect(verdict(t, { received: 10, firstFailed: 2 }, "first_attempt_failures")).toMatchObject({
      firing: true,
      value: 20,
    });
    expect(verdict(t, { received: 10, firstFailed: 1 }, "first_attempt_failures").firing).toBe(false);
  });

  it("p95 lag is over the limit exactly when more than 5 % took longer", () => {
    const t = { failureWindowMinutes: 15, p95LagMs: 30_000 };
    expect(verdict(t, { lagPopulation: 100, lagOver: 5 }, "lag_p95").firing).toBe(false);
    expect(verdict(t, { lagPopulation: 100, lagOver: 6 }, "lag_p95").firing).toBe(true);
    expect(verdict(t, { lagPopulation: 100, lagOver: 6 }, "lag_p95").message).toContain("longer than 30 s");
  });

  it("backlog, SLA and stalled count open exceptions", () => {
    const t = { failureWindowMinutes: 15, backlogMax: 3, stalledStageMinutes: 10 };
    expect(verdict(t, { openExceptions: 3 }, "backlog").firing).toBe(false);
    expect(verdict(t, { openExceptions: 4 }, "backlog").firing).toBe(true);
    expect(verdict(t, { overdueExceptions: 1 }, "sla")).toMatchObject({
      firing: true,
      message: "1 open exception is past the SLA.",
    });
    expect(verdict(t, { stalledOpen: 2 }, "stalled").firing).toBe(true);
  });

  it("silence counts from the last record, going live, or the start of active hours, whichever is latest", () => {
    const hours = { from: 9, to: 17, days: [1, 2, 3, 4, 5] };
    const t = { failureWindowMinutes: 15, silenceMinutes: 30, activeHours: hours };
    // Last record yesterday, but active hours began at 09:00: 60 quiet minutes.
    expect(verdict(t, { lastReceivedAt: new Date("2026-05-31T16:00:00Z") }, "silence")).toMatchObject({
      firing: true,
      value: 60,
    });
    expect(verdict(t, { lastReceivedAt: new Date("2026-06-01T09:45:00Z") }, "silence").firing).toBe(false);
    expect(verdict(t, {}, "silence", new Date("2026-06-01T09:50:00Z")).firing).toBe(false);
    expect(activeSince(hours, new Date("2026-06-01T08:59:00Z"))).toBeNull();
    expect(activeSince(hours, new Date("2026-06-01T17:00:00Z"))).toBeNull();
    expect(activeSince(hours, new Date("2026-05-31T10:00:00Z"))).toBeNull(); // Sunday
    expect(activeSince(undefined, now)).toEqual(new Date(0));
  });

  it("names the rules the thresholds switch on; the SLA rule always applies", () => {
    expect(configuredRules({ failureWindowMinutes: 15 })).toEqual(["sla"]);
    expect(configuredRules({ failureWindowMinutes: 15, failureRatePct: 1, silenceMinutes: 5 })).toEqual([
      "failure_rate",
      "sla",
      "silence",
    ]);
  });
});
