import { z } from "zod";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { parseInput } from "../parse";
import type { TAuditPage } from "./schemas";

export const ZAuditQuery = z.object({
  actor: z.string().optional(),
  object: z
    .string()
    .regex(/^[a-z_]+:.+$/, "use type:id, e.g. exception:ck…")
    .optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAuditQuery = z.input<typeof ZAuditQuery>;

/** Newest first, keyset-paginated; filter by actor id, `type:id` object, and time. */
export async function listAudit({ ctx, input }: { ctx: Ctx; input: TAuditQuery }): Promise<TAuditPage> {
  authorize(ctx, "audit.read");
  const q = parseInput(ZAuditQuery, input, "query");
  const [objectType, ...rest] = q.object ? q.object.split(":") : [];
  const page = await ctx.repos.audit.list(
    {
      actorId: q.actor,
      objectType,
      objectId: rest.length ? rest.join(":") : undefined,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    },
    { cursor: q.cursor, limit: q.limit },
  );
  return {
    items: page.items.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorId: e.actorId,
      actor: e.actorLabel,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId,
      reason: e.reason,
      before: e.before ?? null,
      after: e.after ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}
