import { actorId, actorLabel, type Ctx } from "../context";

export interface AuditFact {
  action: string;
  objectType: string;
  objectId: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Write one audit entry for the context's actor, inside the caller's transaction. */
export async function audit(ctx: Ctx, fact: AuditFact): Promise<void> {
  await ctx.repos.audit.record({
    actorId: actorId(ctx.actor),
    actorLabel: actorLabel(ctx.actor),
    at: ctx.now(),
    ...fact,
  });
}
