import { actorId, actorLabel, type Ctx } from "../context";
import type { AuditInput } from "../ports";

/** What happened; who did it and when come from the context. */
export type AuditFact = Omit<AuditInput, "actorId" | "actorLabel" | "at">;

/**
 * Write one audit entry for the context's actor, inside the caller's transaction. With an audit webhook set, the
 * job that forwards the entry is queued in the same transaction (so no entry is lost); without one, nothing more is
 * written and the only extra cost is a per-process cached "is one set?".
 */
export async function audit(ctx: Ctx, fact: AuditFact): Promise<void> {
  const entry = {
    actorId: actorId(ctx.actor),
    actorLabel: actorLabel(ctx.actor),
    at: ctx.now(),
    ...fact,
  };
  if (!(await ctx.repos.settings.auditWebhookConfigured())) {
    await ctx.repos.audit.record(entry);
    return;
  }
  // Reuses the caller's transaction; a caller outside one gets one here, so the entry and its job commit together.
  await ctx.transaction(async (tx) => {
    const row = await tx.repos.audit.record(entry);
    await tx.repos.queue.enqueue({ kind: "audit_webhook", payload: { entryId: row.id }, runAt: entry.at });
  });
}
