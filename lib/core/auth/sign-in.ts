// Console sign-in and the server-side session record behind each JWT cookie.
import { audit } from "../audit/record";
import { withActor, type Actor, type Ctx } from "../context";
import type { UserRecord } from "../ports";
import { decoyHash, verifyPassword } from "../security/passwords";

export const SESSION_HOURS = 12;

export function userActor(user: UserRecord, via: "session" | "token"): Actor {
  return { kind: "user", userId: user.id, email: user.email, name: user.name, role: user.role, via };
}

/**
 * Check an e-mail and password; returns the user and a new session id, or
 * null. Unknown e-mails cost the same time as wrong passwords.
 */
export async function signIn(ctx: Ctx, email: string, password: string) {
  const user = await ctx.repos.users.findByEmailWithHash(email.trim().toLowerCase());
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
  if (!user || !ok || user.disabled) return null;
  return ctx.transaction(async (tx) => {
    const now = tx.now();
    const session = await tx.repos.sessions.create({
      userId: user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
    });
    await tx.repos.users.markSignedIn(user.id, now);
    await audit(withActor(tx, userActor(user, "session")), {
      action: "session.sign_in",
      objectType: "user",
      objectId: user.id,
    });
    return { user, sessionId: session.id };
  });
}

export async function signOut(ctx: Ctx, sessionId: string): Promise<void> {
  await ctx.repos.sessions.revoke(sessionId, ctx.now());
}

/** The actor behind a session id, or null when it ended, expired, or its user is disabled. */
export async function resolveSession(ctx: Ctx, sessionId: string): Promise<Actor | null> {
  const found = await ctx.repos.sessions.findActive(sessionId, ctx.now());
  return found ? userActor(found.user, "session") : null;
}
