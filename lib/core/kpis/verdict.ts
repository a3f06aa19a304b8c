// The dashboard's one-line answer to "is reliability improving?": the failure
// rate beside the previous period's, and the alerts open now. Pure.

export type Tone = "good" | "bad" | "neutral";

export interface VerdictPart {
  text: string;
  tone: Tone;
}

export interface VerdictInput {
  failureRate: number | null;
  previousFailureRate: number | null;
  /** the period's length */
  rangeMs: number;
  openAlerts: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "3.1 %" (one decimal, as people read a rate). */
export const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

/** "7 days", "24 hours", "90 minutes". */
export function spanWords(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (ms >= 2 * DAY_MS && ms % DAY_MS === 0) return plural(ms / DAY_MS, "day");
  if (ms >= 2 * DAY_MS) return plural(Math.round(ms / DAY_MS), "day");
  if (ms >= 2 * HOUR_MS) return plural(Math.round(ms / HOUR_MS), "hour");
  return plural(Math.max(1, Math.round(ms / 60_000)), "minute");
}

/**
 * E.g. "Failure rate down from 3.1 % to 2.2 % over 7 days; 2 alerts open".
 * A rate that reads the same at one decimal is steady. Lower is good; an open
 * alert is bad.
 */
export function kpiVerdict(v: VerdictInput): { text: string; parts: VerdictPart[] } {
  const over = `over ${spanWords(v.rangeMs)}`;
  let rate: VerdictPart;
  if (v.failureRate === null) {
    rate = { text: `No records received ${over}`, tone: "neutral" };
  } else if (v.previousFailureRate === null) {
    rate = {
      text: `Failure rate ${percent(v.failureRate)} ${over} (no records in the period before)`,
      tone: "neutral",
    };
  } else {
    const now = percent(v.failureRate);
    const before = percent(v.previousFailureRate);
    if (now === before) rate = { text: `Failure rate steady at ${now} ${over}`, tone: "neutral" };
    else if (v.failureRate < v.previousFailureRate)
      rate = { text: `Failure rate down from ${before} to ${now} ${over}`, tone: "good" };
    else rate = { text: `Failure rate up from ${before} to ${now} ${over}`, tone: "bad" };
  }
  const alerts: VerdictPart =
    v.openAlerts === 0
      ? { text: "no alerts open", tone: "good" }
      : { text: `${v.openAlerts} alert${v.openAlerts === 1 ? "" : "s"} open`, tone: "bad" };
  const parts = [rate, alerts];
  return { text: parts.map((p) => p.text).join("; "), parts };
}
