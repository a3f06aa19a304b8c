import { z } from "zod";
import { list } from "../schemas";

export const ZCreateToken = z.object({
  name: z.string().trim().min(1, "give the token a name").max(80),
  /** days until it stops working by itself; absent: never */
  expiresInDays: z.number().int().min(1).max(730).optional(),
});
export type TCreateToken = z.input<typeof ZCreateToken>;

export const ZTokenView = z.strictObject({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type TTokenView = z.output<typeof ZTokenView>;

export const ZOwnedTokenView = ZTokenView.extend({
  owner: z.strictObject({ id: z.string(), name: z.string(), email: z.string() }),
});
export type TOwnedTokenView = z.output<typeof ZOwnedTokenView>;

/** GET /api/v1/tokens: your tokens; with ?all=true (admins) everyone's, each with its owner. */
export const ZTokenList = list(ZTokenView.extend({ owner: ZOwnedTokenView.shape.owner.optional() }));
export type TTokenList = z.output<typeof ZTokenList>;

export const ZCreatedToken = ZTokenView.extend({ token: z.string() });
export type TCreatedToken = z.output<typeof ZCreatedToken>;
