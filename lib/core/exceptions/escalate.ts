// Escalation: open exceptions of live integrations past their SLA go to the
// integration's incident owner — marked on the exception (and so in the queue
// and on the event), audited, and announced on the notification webhook.
import { audit } from "../audit/record";
import type { Ctx } from "../context";
import type { OverdueException } from "../ports";

/** A Slack-compatible message (also fine for generic JSON webhooks: it carries the facts as fields). */
export function escalationMessage(x: OverdueException, consoleUrl: string | null, ownerName: string | null, now: Date) {
  const link = consoleUrl ? `${consoleUrl.replace(/\/$/, "")}/events/${x.eventId}` : null;
  const overdueMin = Math.max(1, Math.round((now.getTime() - x.dueAt.getTime()) / 60_000));
  const text = `:rotating_light: ${x.integration.name}: an exception is past its SLA (${overdueMin} min) — ${x.reason}: ${x.message.slice(0, 200)}${ownerName ? ` · escalated to ${ownerName}` : ""}${link ? ` · ${link}` : ""}`;
  return {
    text,
    signalbox: {
      type: "exception.escalated",
      exceptionId: x.id,
      eventId: x.eventId,
      integration: x.integration.slug,
      category: x.category,
      reason: x.reason,
      dueAt: x.dueAt.toISOString(),
      escalatedTo: ownerName,
      link,
    },
  };
}

/** One pass: escalate up to `limit` overdue exceptions. Safe to run from several workers (escalate is conditional). */
export async function escalateOverdue(
  ctx: Ctx,
  options: { consoleUrl: string | null; limit?: number },
): Promise<number> {
  const now = ctx.now();
  const overdue = await ctx.repos.exceptions.overdue(now, options.limit ?? 100);
  let escalated = 0;
  for (const x of overdue) {
    const done = await ctx.transaction(async (tx) => {
      if (!(await tx.repos.exceptions.escalate(x.id, x.integration.incidentOwnerId, now))) return false;
      const owner = x.integration.incidentOwnerId ? await tx.repos.users.findById(x.integration.incidentOwnerId) : null;
      await audit(tx, {
        action: "exception.escalate",
        objectType: "exception",
        objectId: x.id,
        reason: `past its SLA (due ${x.dueAt.toISOString()})`,
        after: { escalatedTo: owner?.email ?? null },
      });
      if (x.integration.hasNotificationWebhook) {
        // The job names the channel, not its (sealed) URL: the worker opens it when sending.
        await tx.repos.queue.enqueue({
          kind: "notify",
          integrationId: null,
          payload: {
            to: { integrationId: x.integration.id, channel: "notification" },
            body: escalationMessage(x, options.consoleUrl, owner?.name ?? null, now),
          },
          runAt: now,
        });
      }
      return true;
    });
    if (done) escalated++;
  }
  return escalated;
}
