// The alert rules, as pure judgements over one integration's measures: each
// rule the thresholds switch on gives a verdict (firing or clear).
import type { TAlertThresholds } from "../integrations/schemas";
import type { AlertMeasures, AlertRule, Verdict } from "./types";

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;

export function humanMs(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1_000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

type ActiveHours = NonNullable<TAlertThresholds["activeHours"]>;

/** When the current active period began, or null when silence does not count right now (UTC). */
export function activeSince(hours: ActiveHours | undefined, now: Date): Date | null {
  if (!hours) return new Date(0);
  const h = now.getUTCHours();
  if (!hours.days.includes(now.getUTCDay()) || h < hours.from || h >= hours.to) return null;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours.from));
}

export interface RuleContext {
  now: Date;
  /** when the integration went live: silence is measured from here at the earliest */
  liveAt: Date | null;
}

export function judge(t: TAlertThresholds, m: AlertMeasures, c: RuleContext): Verdict[] {
  const out: Verdict[] = [];
  const window = `${t.failureWindowMinutes} min`;
  /** A share of the window's records over a limit in %. */
  const share = (rule: AlertRule, count: number, limit: number, what: string, after = "") => {
    const rate = m.received ? count / m.received : 0;
    out.push({
      rule,
      firing: m.received > 0 && rate * 100 > limit,
      value: rate * 100,
      threshold: limit,
      message: `${pct(rate)} of ${what} in the last ${window} (${count} of ${m.received});${after} the limit is ${limit} %.`,
    });
  };
  if (t.failureRatePct !== undefined) share("failure_rate", m.exceptionEvents, t.failureRatePct, "records failed");
  if (t.firstAttemptFailureRatePct !== undefined)
    share(
      "first_attempt_failures",
      m.firstFailed,
      t.firstAttemptFailureRatePct,
      "first delivery attempts failed",
      " retries may still be hiding it;",
    );
  if (t.p95LagMs !== undefined) {
    // p95 > T exactly when more than 5 % of records took longer than T.
    const share = m.lagPopulation ? m.lagOver / m.lagPopulation : 0;
    out.push({
      rule: "lag_p95",
      firing: m.lagPopulation > 0 && share > 0.05,
      value: share * 100,
      threshold: t.p95LagMs,
      message: `${pct(share)} of recent records took longer than ${humanMs(t.p95LagMs)} from arrival to finish (${m.lagOver} of ${m.lagPopulation}), so the 95th percentile is over the limit.`,
    });
  }
  if (t.backlogMax !== undefined) {
    out.push({
      rule: "backlog",
      firing: m.openExceptions > t.backlogMax,
      value: m.openExceptions,
      threshold: t.backlogMax,
      message: `${m.openExceptions} exceptions are open; the limit is ${t.backlogMax}.`,
    });
  }
  out.push({
    rule: "sla",
    firing: m.overdueExceptions > 0,
    value: m.overdueExceptions,
    threshold: 0,
    message: `${m.overdueExceptions} open ${m.overdueExceptions === 1 ? "exception is" : "exceptions are"} past the SLA.`,
  });
  if (t.silenceMinutes !== undefined) out.push(silence(t, m, c));
  if (t.stalledStageMinutes !== undefined) {
    out.push({
      rule: "stalled",
      firing: m.stalledOpen > 0,
      value: m.stalledOpen,
      threshold: t.stalledStageMinutes,
      message: `${m.stalledOpen} tracked ${m.stalledOpen === 1 ? "record has" : "records have"} reported no next stage within ${t.stalledStageMinutes} min.`,
    });
  }
  return out;
}

function silence(t: TAlertThresholds, m: AlertMeasures, c: RuleContext): Verdict {
  const limitMs = t.silenceMinutes! * 60_000;
  const since = activeSince(t.activeHours, c.now);
  const reference = Math.max(m.lastReceivedAt?.getTime() ?? 0, c.liveAt?.getTime() ?? 0, since?.getTime() ?? 0);
  const quietMs = c.now.getTime() - reference;
  const last = m.lastReceivedAt
    ? `the last one came ${humanMs(c.now.getTime() - m.lastReceivedAt.getTime())} ago`
    : "none has come yet";
  return {
    rule: "silence",
    firing: since !== null && quietMs > limitMs,
    value: quietMs / 60_000,
    threshold: t.silenceMinutes!,
    message: `No records for ${humanMs(quietMs)} during active hours (${last}); expected at least one every ${t.silenceMinutes} min.`,
  };
}

const NOTHING: AlertMeasures = {
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

/** The rules these thresholds switch on (the SLA rule always applies). */
export function configuredRules(t: TAlertThresholds): AlertRule[] {
  return judge(t, NOTHING, { now: new Date(0), liveAt: null }).map((v) => v.rule);
}
