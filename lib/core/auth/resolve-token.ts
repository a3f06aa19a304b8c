import type { Actor, Ctx } from "../context";
import { hashSecret, PAT_PREFIX } from "../security/tokens";
import { userActor } from "./sign-in";

const TOUCH_EVERY_MS = 60_000;

/** The actor behind `sbx_pat_…`, or null when unknown, revoked, expired, or its user is disabled. */
export async function resolveToken(ctx: Ctx, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(PAT_PREFIX)) return null;
  const now = ctx.now();
  const found = await ctx.repos.tokens.findActiveByHash(hashSecret(secret), now);
  if (!found) return null;
  const last = found.token.lastUsedAt?.getTime() ?? 0;
  if (now.getTime() - last > TOUCH_EVERY_MS) await ctx.repos.tokens.touch(found.token.id, now);
  return userActor(found.user, "token");
}
