import { z } from "zod";

export const ZCreateToken = z.object({
  name: z.string().trim().min(1, "give the token a name").max(80),
  /** days until it stops working by itself; absent: never */
  expiresInDays: z.number().int().min(1).max(730).optional(),
});
export type TCreateToken = z.input<typeof ZCreateToken>;

export const ZTokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type TTokenView = z.infer<typeof ZTokenView>;

export const ZOwnedTokenView = ZTokenView.extend({
  owner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
});

export const ZCreatedToken = ZTokenView.extend({ token: z.string() });
