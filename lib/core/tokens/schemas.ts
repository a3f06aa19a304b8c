import { z } from "zod";

export const ZCreateToken = z.object({ name: z.string().trim().min(1, "give the token a name").max(80) });
export type TCreateToken = z.input<typeof ZCreateToken>;

export const ZTokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TTokenView = z.infer<typeof ZTokenView>;

export const ZCreatedToken = ZTokenView.extend({ token: z.string() });
