import { describe, expect, it } from "vitest";
import { backlogAt, isSnapshot, type BacklogRow } from "@/lib/core/kpis/backlog";
import { MINIMUM_VOLUME, worstByFailure } from "@/lib/core/kpis/ranking";
import { kpiVerdict, spanWords } from "@/lib/core/kpis/verdict";

const DAY = 86_400_000;

describe("the one-line verdict", () => {
  it.each([
    [0.031, 0.022, 2, "Failure rate up from 2.2 % to 3.1 % over 7 days; 2 alerts open", ["bad", "bad"]],
    [0.022, 0.031, 2, "Failure rate down from 3.1 % to 2.2 % over 7 days; 2 alerts open", ["good", "bad"]],
    [0.022, 0.031, 0, "Failure rate down from 3.1 % to 2.2 % over 7 days; no alerts open", ["good", "good"]],
    [0.0221, 0.0224, 1, "Failure rate steady at 2.2 % over 7 days; 1 alert open", ["neutral", "bad"]],
    [
      0.05,
      null,
      0,
      "Failure rate 5.0 % over 7 days (no records in the period before); no alerts open",
      ["neutral", "good"],
    ],
    [null, 0.05, 0, "No records received over 7 days; no alerts open", ["neutral", "good"]],
  ] as const)("%s now, %s before, %i alerts", (failureRate, previousFailureRate, openAlerts, text, tones) => {
    const v = kpiVerdict({ failureRate, previousFailureRate, openAlerts, rangeMs: 7 * DAY });
    expect(v.text).toBe(text);
    expect(v.parts.map((p) => p.tone)).toEqual(tones);
  });

  it("names the period in plain words", () => {
    expect([
      spanWords(DAY),
      spanWords(7 * DAY),
      spanWords(30 * DAY),
      spanWords(2 * 3_600_000),
      spanWords(1.5 * DAY),
    ]).toEqual(["24 hours", "7 days", "30 days", "2 hours", "36 hours"]);
  });
});

describe("rankings need a minimum volume", () => {
  const row = (integration: string, received: number, failureRate: number | null) => ({
    integration,
    received,
    failureRate,
  });
  it("integrations under it are not ranked, however bad their rate", () => {
    expect(MINIMUM_VOLUME).toBe(20);
    const ranked = worstByFailure([
      row("tiny", 3, 1),
      row("small", 19, 0.9),
      row("a", 20, 0.1),
      row("b", 500, 0.2),
      row("quiet", 0, null),
      row("c", 40, 0.1),
    ]);
    expect(ranked.map((r) => r.integration)).toEqual(["b", "c", "a"]);
  });
  it("keeps the ten worst", () => {
    const many = Array.from({ length: 15 }, (_, i) => row(`i${i}`, 100, i / 100));
    expect(worstByFailure(many).map((r) => r.integration)).toEqual([
      "i14",
      "i13",
      "i12",
      "i11",
      "i10",
      "i9",
      "i8",
      "i7",
      "i6",
      "i5",
    ]);
  });
});

describe("the backlog as it was, from the snapshots", () => {
  const t = (hm: string) => new Date(`2026-06-01T${hm}:00Z`);
  const snap = (
    integrationId: string,
    hour: string,
    takenAt: string,
    openExceptions: number,
    pendingDeliveries = 0,
  ): BacklogRow => ({
    integrationId,
    hour: t(hour),
    takenAt: t(takenAt),
    openExceptions,
    pendingDeliveries,
    oldestPendingMs: pendingDeliveries * 1000,
  });

  it("a row written after its hour holds counts only, not a snapshot", () => {
    expect(isSnapshot(snap("a", "09:00", "09:59", 1))).toBe(true);
    expect(isSnapshot(snap("a", "09:00", "10:00", 1))).toBe(false);
    expect(isSnapshot(snap("a", "09:00", "08:59", 1))).toBe(false);
  });

  it("takes each integration's newest snapshot at or before the moment, and adds them up", () => {
    const rows = [
      snap("a", "08:00", "08:59", 5),
      snap("a", "09:00", "09:20", 3, 2),
      snap("a", "10:00", "10:50", 9),
      snap("b", "09:00", "09:40", 4, 1),
    ];
    expect(backlogAt(rows, t("10:00"))).toEqual({ openExceptions: 7, pendingDeliveries: 3, oldestPendingMs: 2000 });
  });

  it("no snapshot near the moment: no earlier figure (null), never 0", () => {
    // A row the rollup wrote later for a past hour (history) does not count; nor does one taken long before.
    expect(backlogAt([snap("a", "09:00", "11:30", 0)], t("10:00"))).toBeNull();
    expect(backlogAt([snap("a", "05:00", "05:30", 4)], t("10:00"))).toBeNull();
    expect(backlogAt([], t("10:00"))).toBeNull();
    // A genuine empty backlog is 0.
    expect(backlogAt([snap("a", "09:00", "09:30", 0)], t("10:00"))).toEqual({
      openExceptions: 0,
      pendingDeliveries: 0,
      oldestPendingMs: 0,
    });
  });
});
