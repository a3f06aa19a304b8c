import { z } from "zod";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { parseInput } from "../parse";
import type { TAuditPage } from "./schemas";
import { auditFilter, auditView } from "./view";

/** Who and what: the filters the list and the export share. */
export const ZAuditSubject = z.object({
  actor: z.string().optional(),
  object: z
    .string()
    .regex(/^[a-z_]+:.+$/, "use type:id, e.g. exception:ck…")
    .optional(),
});

export const ZAuditQuery = ZAuditSubject.extend({
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
  const page = await ctx.repos.audit.list(auditFilter(q), { cursor: q.cursor, limit: q.limit });
  return { items: page.items.map(auditView), nextCursor: page.nextCursor };
}
