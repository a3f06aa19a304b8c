// Alerts: one per integration and rule while the rule's condition holds.
// Lifecycle: firing → (acknowledged) → resolved, each step timestamped.

export const ALERT_RULES = [
  "failure_rate",
  "first_attempt_failures",
  "lag_p95",
  "backlog",
  "sla",
  "silence",
  "stalled",
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];
export type AlertStatus = "firing" | "acknowledged" | "resolved";

/** Plain-words names the console and notifications use. */
export const RULE_LABELS: Record<AlertRule, string> = {
  failure_rate: "Failure rate high",
  first_attempt_failures: "First attempts failing",
  lag_p95: "Records slow to finish",
  backlog: "Exception backlog high",
  sla: "Exception past its SLA",
  silence: "No records arriving",
  stalled: "Tracked records stalled",
};

export interface AlertRecord {
  id: string;
  integrationId: string;
  rule: AlertRule;
  status: AlertStatus;
  value: number | null;
  threshold: number | null;
  message: string;
  firedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  resolvedAt: Date | null;
  lastEvaluatedAt: Date;
}

/** What the worker measures for one integration at one moment (raw rows, short windows). */
export interface AlertMeasures {
  /** records received in the failure window */
  received: number;
  /** of those, how many opened an exception */
  exceptionEvents: number;
  /** of those, how many had their first delivery attempt fail */
  firstFailed: number;
  /** records finished in the window plus records still pending */
  lagPopulation: number;
  /** of those, how many took (or have been waiting) longer than the lag threshold */
  lagOver: number;
  openExceptions: number;
  /** open exceptions past their due time */
  overdueExceptions: number;
  /** open exceptions opened because a tracked record stalled */
  stalledOpen: number;
  lastReceivedAt: Date | null;
}

/** One rule's verdict: firing with its value and message, or clear. */
export interface Verdict {
  rule: AlertRule;
  firing: boolean;
  value: number | null;
  threshold: number | null;
  message: string;
}
