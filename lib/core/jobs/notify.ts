// Notifications (escalations, alerts) to a Slack-compatible or generic webhook,
// through the same SSRF-safe sender as deliveries; retried a few times.
import { z } from "zod";
import type { Ctx } from "../context";
import { classifyAttempt } from "../delivery/policy";
import type { JobOutcome, WorkerDeps } from "../delivery/process-job";
import type { QueueJob } from "../delivery/types";

export const ZNotify = z.object({
  url: z.string().url(),
  body: z.record(z.string(), z.unknown()),
  allowPrivateNetwork: z.boolean().default(false),
  headers: z.record(z.string(), z.string()).default({}),
});
export type TNotify = z.input<typeof ZNotify>;

const MAX_ATTEMPTS = 5;

export async function sendNotification(ctx: Ctx, job: QueueJob, deps: WorkerDeps): Promise<JobOutcome> {
  const n = ZNotify.parse(job.payload);
  const response = await deps.sender.send({
    url: n.url,
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Signalbox/1 (+notification)", ...n.headers },
    body: JSON.stringify(n.body),
    timeoutMs: 10_000,
    allowPrivateNetwork: n.allowPrivateNetwork,
  });
  const verdict = classifyAttempt(response);
  if (verdict === "transient" && job.attempt < MAX_ATTEMPTS) {
    const runAt = new Date(ctx.now().getTime() + 2 ** job.attempt * 5_000);
    return (await ctx.repos.queue.reschedule(job.id, deps.workerId, runAt)) ? "retry_scheduled" : "lost_lease";
  }
  if (verdict !== "success") console.warn(`[signalbox worker] notification to ${new URL(n.url).host} failed: ${response.errorMessage ?? `HTTP ${response.status}`}`);
  return (await ctx.repos.queue.complete(job.id, deps.workerId)) ? (verdict === "success" ? "delivered" : "failed") : "lost_lease";
}
