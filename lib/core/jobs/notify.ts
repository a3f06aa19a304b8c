// Notifications (escalations, alerts) to a Slack-compatible or generic webhook
// and to the paging vendors (PagerDuty, Opsgenie), through the same SSRF-safe
// sender as deliveries; retried a few times. A generic webhook is signed
// (Standard Webhooks) with the integration's delivery secrets at send time, so
// a retry carries a fresh timestamp; a paging job gets its vendor key at send
// time too (jobs never hold a credential).
import { z } from "zod";
import { privateNetworkAllowed } from "../alerts/notify";
import { pagingRequest } from "../alerts/paging";
import type { Ctx } from "../context";
import { classifyAttempt } from "../delivery/policy";
import type { JobOutcome, WorkerDeps } from "../delivery/process-job";
import { sendSafely } from "../delivery/sender";
import type { QueueJob } from "../delivery/types";
import type { TAlertThresholds } from "../integrations/schemas";
import { signWebhook } from "../security/webhook-signature";

const CHANNELS = ["notification", "alert_webhook", "alert_slack", "pagerduty", "opsgenie"] as const;
export type NotifyChannel = (typeof CHANNELS)[number];

export const ZNotify = z.object({
  /** where to send: a channel of an integration (its URL is sealed at rest and opened here), or a URL (jobs queued before) */
  to: z.object({ integrationId: z.string().min(1), channel: z.enum(CHANNELS) }).optional(),
  url: z.string().url().optional(),
  /** Opsgenie: the request's path under the API base (create, or close by alias) */
  path: z
    .string()
    .regex(/^\/v2\/alerts(\/[A-Za-z0-9%_.-]+\/close\?identifierType=alias)?$/)
    .optional(),
  body: z.record(z.string(), z.unknown()),
  /** send only while this alert is unresolved: a paging trigger retried after the resolve went out would reopen it */
  whileFiring: z.string().min(1).optional(),
  allowPrivateNetwork: z.boolean().default(false),
  headers: z.record(z.string(), z.string()).default({}),
  /** sign with this integration's delivery secrets; `messageId` is the webhook-id */
  signWith: z.object({ integrationId: z.string().min(1), messageId: z.string().min(1) }).optional(),
});
export type TNotify = z.input<typeof ZNotify>;

export const MAX_NOTIFY_ATTEMPTS = 5;
const MAX_NOTIFY_DELAY_MS = 3_600_000;

/**
 * Retry a transient failure with backoff (10 s, doubling, at most an hour), or finish the job; the outcome the worker
 * reports. `maxAttempts`: the notification ladder's 5 unless the kind needs longer (the audit webhook).
 */
export async function settleNotification(
  ctx: Ctx,
  job: QueueJob,
  deps: WorkerDeps,
  verdict: "success" | "transient" | "permanent",
  what: string,
  maxAttempts = MAX_NOTIFY_ATTEMPTS,
): Promise<JobOutcome> {
  if (verdict === "transient" && job.attempt < maxAttempts) {
    const runAt = new Date(ctx.now().getTime() + Math.min(2 ** job.attempt * 5_000, MAX_NOTIFY_DELAY_MS));
    return (await ctx.repos.queue.reschedule(job.id, deps.workerId, runAt)) ? "retry_scheduled" : "lost_lease";
  }
  if (verdict !== "success") console.warn(`[signalbox worker] notification failed for good: ${what}`);
  return (await ctx.repos.queue.complete(job.id, deps.workerId))
    ? verdict === "success"
      ? "delivered"
      : "failed"
    : "lost_lease";
}

interface Target {
  url: string;
  allowPrivateNetwork: boolean;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

/**
 * The URL a channel points at now (with a paging vendor's key), and whether it may be private (as the integration's
 * own targets).
 */
async function channelTarget(ctx: Ctx, n: TNotifyOut, deps: WorkerDeps): Promise<Target | null> {
  const to = n.to!;
  const integration = await ctx.repos.integrations.findById(to.integrationId);
  if (!integration) return null;
  const notify = (integration.alertThresholds as TAlertThresholds | null)?.notify;
  const allowPrivateNetwork = privateNetworkAllowed(integration);
  if (to.channel === "pagerduty" || to.channel === "opsgenie") {
    const request = pagingRequest(to.channel, notify, n, deps.paging);
    return request && { ...request, allowPrivateNetwork };
  }
  const url =
    to.channel === "notification"
      ? integration.notificationWebhook
      : to.channel === "alert_webhook"
        ? notify?.webhookUrl
        : notify?.slackUrl;
  return url ? { url, allowPrivateNetwork } : null;
}
type TNotifyOut = z.output<typeof ZNotify>;

/** `n`: the job's payload, parsed by the registry. */
export async function sendNotification(ctx: Ctx, job: QueueJob, deps: WorkerDeps, n: TNotifyOut): Promise<JobOutcome> {
  const target: Target | null = n.to
    ? await channelTarget(ctx, n, deps)
    : n.url
      ? { url: n.url, allowPrivateNetwork: n.allowPrivateNetwork }
      : null;
  if (!target) {
    console.warn(`[signalbox worker] notification dropped: its channel is no longer configured`);
    return (await ctx.repos.queue.complete(job.id, deps.workerId)) ? "dropped" : "lost_lease";
  }
  if (n.whileFiring && !(await ctx.repos.alerts.unresolved()).some((a) => a.id === n.whileFiring)) {
    console.warn(`[signalbox worker] page dropped: its alert resolved before the vendor took the trigger`);
    return (await ctx.repos.queue.complete(job.id, deps.workerId)) ? "dropped" : "lost_lease";
  }
  const body = JSON.stringify(target.body ?? n.body);
  const headers: Record<string, string> = {
    ...n.headers,
    ...target.headers,
    "content-type": "application/json",
    "user-agent": "Signalbox/1 (+notification)",
  };
  if (n.signWith) {
    const at = ctx.now();
    const secrets = await ctx.repos.secrets.valid(n.signWith.integrationId, "delivery", at);
    headers["webhook-id"] = n.signWith.messageId;
    headers["webhook-timestamp"] = String(Math.floor(at.getTime() / 1000));
    if (secrets.length) headers["webhook-signature"] = signWebhook(secrets, n.signWith.messageId, at, body);
  }
  const response = await sendSafely(deps.sender, {
    url: target.url,
    method: "POST",
    headers,
    body,
    timeoutMs: 10_000,
    allowPrivateNetwork: target.allowPrivateNetwork,
  });
  return settleNotification(
    ctx,
    job,
    deps,
    classifyAttempt(response),
    `${new URL(target.url).host}: ${response.errorMessage ?? `HTTP ${response.status}`}`,
  );
}
