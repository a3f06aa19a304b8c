// Personal access tokens: a user's own bearer credentials for scripts.
// A token carries its user's role, so a manager's token stays read-only.
import { audit } from "../audit/record";
import { authorize, requireUser } from "../authorize";
import type { Ctx } from "../context";
import { invalidState, notFound } from "../errors";
import { parseInput } from "../parse";
import { can } from "../permissions";
import type { TokenRecord } from "../ports";
import { generateSecret, PAT_PREFIX } from "../security/tokens";
import { ZCreateToken, type TCreateToken, type TTokenView } from "./schemas";

function tokenView(t: TokenRecord): TTokenView {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
  };
}

/** Create a token for the calling user; the secret is returned once and never stored. */
export async function createToken({ ctx, input }: { ctx: Ctx; input: TCreateToken }) {
  authorize(ctx, "tokens.own");
  const user = requireUser(ctx);
  const { name, expiresInDays } = parseInput(ZCreateToken, input);
  const { secret, hash, display } = generateSecret(PAT_PREFIX);
  return ctx.transaction(async (tx) => {
    const now = tx.now();
    const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null;
    const token = await tx.repos.tokens.create({
      userId: user.userId,
      name,
      tokenHash: hash,
      prefix: display,
      now,
      expiresAt,
    });
    await audit(tx, {
      action: "token.create",
      objectType: "token",
      objectId: token.id,
      after: { name, prefix: display, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { ...tokenView(token), token: secret };
  });
}

export async function listTokens({ ctx }: { ctx: Ctx }): Promise<TTokenView[]> {
  authorize(ctx, "tokens.own");
  const user = requireUser(ctx);
  return (await ctx.repos.tokens.listForUser(user.userId)).map(tokenView);
}

/** Every user's tokens, with their owner: admins see (and may revoke) them all. */
export async function listAllTokens({ ctx }: { ctx: Ctx }) {
  authorize(ctx, "tokens.manage");
  return (await ctx.repos.tokens.listAll(500)).map((t) => ({ ...tokenView(t), owner: t.owner }));
}

/**
 * Revoke one of the caller's own tokens — or, for an admin, anyone's (audited with the owner).
 * @throws not_found (also for someone else's token, unless admin); conflict `invalid_state` when already revoked
 */
export async function revokeToken({ ctx, id }: { ctx: Ctx; id: string }): Promise<TTokenView> {
  authorize(ctx, "tokens.own");
  const user = requireUser(ctx);
  return ctx.transaction(async (tx) => {
    const token = await tx.repos.tokens.findById(id);
    if (!token || (token.userId !== user.userId && !can(user.role, "tokens.manage"))) throw notFound("Token");
    if (token.revokedAt) throw invalidState("This token is already revoked.");
    const revoked = await tx.repos.tokens.revoke(id, tx.now());
    await audit(tx, {
      action: "token.revoke",
      objectType: "token",
      objectId: id,
      before: tokenView(token),
      after: { ...tokenView(revoked), ownerId: token.userId },
    });
    return tokenView(revoked);
  });
}
