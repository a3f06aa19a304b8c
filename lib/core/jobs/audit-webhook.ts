// Forward one audit entry to the audit webhook (a SIEM): the job names the entry, never the URL; the URL and the
// signing secret are read (and opened) when sending. Signed per Standard Webhooks with webhook-id = the entry id, so
// a receiver can drop a retry it already took. Sent through the SSRF-safe sender; 5xx, 429 and network errors are
// retried on the notification ladder, longer (12 attempts, about 3½ hours), then logged — the entry itself stays in
// the audit log, where the export can fetch it.
import { z } from "zod";
import { auditView } from "../audit/view";
import type { Ctx } from "../context";
import { classifyAttempt } from "../delivery/policy";
import type { JobOutcome, WorkerDeps } from "../delivery/process-job";
import { sendSafely } from "../delivery/sender";
import type { QueueJob } from "../delivery/types";
import { signWebhook } from "../security/webhook-signature";
import { settleNotification } from "./notify";

export const ZAuditForward = z.object({ entryId: z.string().min(1) });
export const AUDIT_WEBHOOK_ATTEMPTS = 12;

export async function forwardAuditEntry(
  ctx: Ctx,
  job: QueueJob,
  deps: WorkerDeps,
  { entryId }: z.output<typeof ZAuditForward>,
): Promise<JobOutcome> {
  const [hook, entry] = await Promise.all([ctx.repos.settings.auditWebhook(), ctx.repos.audit.findById(entryId)]);
  if (!hook || !entry) {
    console.warn(
      `[signalbox worker] audit entry ${entryId} not forwarded: ${hook ? "no such entry" : "no audit webhook is set"}`,
    );
    return (await ctx.repos.queue.complete(job.id, deps.workerId)) ? "dropped" : "lost_lease";
  }
  const body = JSON.stringify({ type: "audit.entry", timestamp: entry.at.toISOString(), data: auditView(entry) });
  const at = ctx.now();
  const response = await sendSafely(deps.sender, {
    url: hook.url,
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Signalbox/1 (+audit)",
      "webhook-id": entry.id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signWebhook([hook.secret], entry.id, at, body),
    },
    body,
    timeoutMs: 10_000,
    allowPrivateNetwork: hook.allowPrivateNetwork,
  });
  return settleNotification(
    ctx,
    job,
    deps,
    classifyAttempt(response),
    `audit webhook (${new URL(hook.url).host}) for entry ${entry.id}: ${response.errorMessage ?? `HTTP ${response.status}`}`,
    AUDIT_WEBHOOK_ATTEMPTS,
  );
}
