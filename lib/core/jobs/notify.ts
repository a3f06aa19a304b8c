// Notifications (escalations, alerts) to a Slack-compatible or generic webhook,
// through the same SSRF-safe sender as deliveries; retried a few times. A
// generic webhook is signed (Standard Webhooks) with the integration's
// delivery secrets at send time, so a retry carries a fresh timestamp.
import { z } from "zod";
import type { Ctx } from "../context";
import { classifyAttempt } from "../delivery/policy";
import type { JobOutcome, WorkerDeps } from "../delivery/process-job";
import type { QueueJob } from "../delivery/types";
import { signWebhook } from "../security/webhook-signature";

export const ZNotify = z.object({
  url: z.string().url(),
  body: z.record(z.string(), z.unknown()),
  allowPrivateNetwork: z.boolean().default(false),
  headers: z.record(z.string(), z.string()).default({}),
  /** sign with this integration's delivery secrets; `messageId` is the webhook-id */
  signWith: z.object({ integrationId: z.string().min(1), messageId: z.string().min(1) }).optional(),
});
export type TNotify = z.input<typeof ZNotify>;

export const MAX_NOTIFY_ATTEMPTS = 5;

/** Retry a transient failure with backoff, or finish the job; the outcome the worker reports. */
export async function settleNotification(ctx: Ctx, job: QueueJob, deps: WorkerDeps, verdict: "success" | "transient" | "permanent", what: string): Promise<JobOutcome> {
  if (verdict === "transient" && job.attempt < MAX_NOTIFY_ATTEMPTS) {
    const runAt = new Date(ctx.now().getTime() + 2 ** job.attempt * 5_000);
    return (await ctx.repos.queue.reschedule(job.id, deps.workerId, runAt)) ? "retry_scheduled" : "lost_lease";
  }
  if (verdict !== "success") console.warn(`[signalbox worker] notification failed for good: ${what}`);
  return (await ctx.repos.queue.complete(job.id, deps.workerId)) ? (verdict === "success" ? "delivered" : "failed") : "lost_lease";
}

export async function sendNotification(ctx: Ctx, job: QueueJob, deps: WorkerDeps): Promise<JobOutcome> {
  const n = ZNotify.parse(job.payload);
  const body = JSON.stringify(n.body);
  const headers: Record<string, string> = { ...n.headers, "content-type": "application/json", "user-agent": "Signalbox/1 (+notification)" };
  if (n.signWith) {
    const at = ctx.now();
    const secrets = await ctx.repos.secrets.valid(n.signWith.integrationId, "delivery", at);
    headers["webhook-id"] = n.signWith.messageId;
    headers["webhook-timestamp"] = String(Math.floor(at.getTime() / 1000));
    if (secrets.length) headers["webhook-signature"] = signWebhook(secrets, n.signWith.messageId, at, body);
  }
  const response = await deps.sender.send({ url: n.url, method: "POST", headers, body, timeoutMs: 10_000, allowPrivateNetwork: n.allowPrivateNetwork });
  return settleNotification(ctx, job, deps, classifyAttempt(response), `${new URL(n.url).host}: ${response.errorMessage ?? `HTTP ${response.status}`}`);
}
