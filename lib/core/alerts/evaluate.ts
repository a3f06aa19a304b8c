// The worker's alert pass: for each live integration, open exceptions for
// stalled tracked records, measure, judge every rule, then fire, refresh or
// resolve alerts — each change audited and notified in one transaction.
// One worker evaluates per pass (claimed in the store), so several workers
// never fire twice.
import { audit } from "../audit/record";
import type { Ctx } from "../context";
import { slaDue } from "../ingest/accept-event";
import { ZAlertThresholds, type TAlertThresholds } from "../integrations/schemas";
import type { Integration } from "../integrations/types";
import { queueAlertNotifications } from "./notify";
import { configuredRules, humanMs, judge } from "./rules";
import type { AlertRecord, Verdict } from "./types";

export interface AlertPassOptions {
  consoleUrl: string | null;
  /** skip when another worker evaluated less than this long ago */
  minGapMs?: number;
}

/** The integration's thresholds, or null when none are set (only the SLA rule applies then). */
export function thresholdsOf(integration: Integration): TAlertThresholds | null {
  const parsed = ZAlertThresholds.safeParse(integration.alertThresholds);
  return parsed.success ? parsed.data : null;
}

const NO_THRESHOLDS: TAlertThresholds = { failureWindowMinutes: 15 };

export async function evaluateAlerts(ctx: Ctx, options: AlertPassOptions) {
  const now = ctx.now();
  const counts = { fired: 0, resolved: 0, stalled: 0, skipped: false };
  if (!(await ctx.repos.alerts.claimPass(now, options.minGapMs ?? 0))) return { ...counts, skipped: true };
  const integrations = await ctx.repos.integrations.list();
  const unresolved = await ctx.repos.alerts.unresolved();
  const live = integrations.filter((i) => i.lifecycle === "live");
  for (const integration of live) {
    try {
      await evaluateIntegration(ctx, integration, unresolved, options, counts);
    } catch (error) {
      console.error(`[signalbox worker] alert rules for ${integration.slug} failed: ${(error as Error).message}`);
    }
  }
  // Alerts whose rule no longer applies: the integration left live, or the threshold was removed.
  for (const a of unresolved) {
    const integration = integrations.find((i) => i.id === a.integrationId);
    const stillJudged =
      integration?.lifecycle === "live" && configuredRules(thresholdsOf(integration) ?? NO_THRESHOLDS).includes(a.rule);
    if (!stillJudged)
      counts.resolved += await resolve(
        ctx,
        a,
        integration ?? null,
        integration ? thresholdsOf(integration) : null,
        options.consoleUrl,
        "the rule no longer applies",
      );
  }
  return counts;
}

type Counts = { fired: number; resolved: number; stalled: number };

async function evaluateIntegration(
  ctx: Ctx,
  integration: Integration,
  unresolved: AlertRecord[],
  options: AlertPassOptions,
  counts: Counts,
) {
  const now = ctx.now();
  const thresholds = thresholdsOf(integration);
  if (thresholds?.stalledStageMinutes && integration.mode === "tracked")
    counts.stalled += await openStalled(ctx, integration, thresholds.stalledStageMinutes);
  const t = thresholds ?? NO_THRESHOLDS;
  const measures = await ctx.repos.alerts.measure(integration.id, {
    windowStart: new Date(now.getTime() - t.failureWindowMinutes * 60_000),
    now,
    lagThresholdMs: t.p95LagMs ?? null,
  });
  const verdicts = judge(t, measures, { now, liveAt: integration.liveAt });
  for (const v of verdicts) {
    const open = unresolved.find((a) => a.integrationId === integration.id && a.rule === v.rule);
    if (v.firing && !open) counts.fired += await fire(ctx, integration, thresholds, v, options.consoleUrl);
    else if (v.firing && open)
      await ctx.repos.alerts.refresh(open.id, { value: v.value, threshold: v.threshold, message: v.message, at: now });
    else if (!v.firing && open)
      counts.resolved += await resolve(ctx, open, integration, thresholds, options.consoleUrl, "the condition cleared");
  }
}

async function fire(
  ctx: Ctx,
  integration: Integration,
  thresholds: TAlertThresholds | null,
  v: Verdict,
  consoleUrl: string | null,
): Promise<number> {
  return ctx.transaction(async (tx) => {
    const alert = await tx.repos.alerts.fire({
      integrationId: integration.id,
      rule: v.rule,
      value: v.value,
      threshold: v.threshold,
      message: v.message,
      at: tx.now(),
    });
    if (!alert) return 0;
    await audit(tx, {
      action: "alert.fire",
      objectType: "alert",
      objectId: alert.id,
      after: {
        integration: integration.slug,
        rule: v.rule,
        value: v.value,
        threshold: v.threshold,
        message: v.message,
      },
    });
    await queueAlertNotifications(tx, alert, integration, thresholds, consoleUrl);
    return 1;
  });
}

async function resolve(
  ctx: Ctx,
  open: AlertRecord,
  integration: Integration | null,
  thresholds: TAlertThresholds | null,
  consoleUrl: string | null,
  reason: string,
): Promise<number> {
  return ctx.transaction(async (tx) => {
    const resolved = await tx.repos.alerts.resolve(open.id, tx.now());
    if (!resolved) return 0;
    await audit(tx, {
      action: "alert.resolve",
      objectType: "alert",
      objectId: open.id,
      reason,
      after: { rule: open.rule, status: "resolved" },
    });
    if (integration) await queueAlertNotifications(tx, resolved, integration, thresholds, consoleUrl);
    return 1;
  });
}

/** Tracked records that reported no stage for `minutes`: each gets an exception (and a "stalled" step on its journey). */
async function openStalled(ctx: Ctx, integration: Integration, minutes: number): Promise<number> {
  const now = ctx.now();
  const stalled = await ctx.repos.alerts.stalled(integration.id, new Date(now.getTime() - minutes * 60_000), 200);
  for (const s of stalled) {
    const message = `No stage reported for ${humanMs(now.getTime() - s.lastAt.getTime())} after "${s.lastStage}" (expected within ${minutes} min).`;
    await ctx.transaction(async (tx) => {
      await tx.repos.events.addStages(s.eventId, [
        {
          stage: "stalled",
          status: "failed",
          startedAt: now,
          endedAt: now,
          durationMs: 0,
          errorCategory: "transient",
          error: message,
        },
      ]);
      await tx.repos.exceptions.open({
        eventId: s.eventId,
        integrationId: integration.id,
        category: "transient",
        reason: "stalled",
        message,
        assigneeId: integration.owners.triage,
        openedAt: now,
        dueAt: slaDue(integration, now),
      });
      await audit(tx, {
        action: "exception.open",
        objectType: "event",
        objectId: s.eventId,
        reason: message,
        after: { reason: "stalled" },
      });
    });
  }
  return stalled.length;
}
