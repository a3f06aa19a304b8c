// What GET /api/v1/audit answers.
import { z } from "zod";
import { page } from "../schemas";

export const ZAuditView = z.strictObject({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type TAuditView = z.output<typeof ZAuditView>;
export const ZAuditPage = page(ZAuditView);
export type TAuditPage = z.output<typeof ZAuditPage>;
