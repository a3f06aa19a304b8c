// Console sign-in and the server-side session record behind each JWT cookie.
import { audit } from "../audit/record";
import { withActor, type Actor, type Ctx } from "../context";
import { DomainError } from "../errors";
import { ACCOUNT_POLICY, ADDRESS_POLICY, THROTTLE_WINDOW_MS, throttleWait } from "./throttle";
import type { UserRecord } from "../ports";
import { decoyHash, verifyPassword } from "../security/passwords";

export const SESSION_HOURS = 12;

export function userActor(user: UserRecord, via: "session" | "token"): Actor {
  return { kind: "user", userId: user.id, email: user.email, name: user.name, role: user.role, via };
}

/** Failures recorded per client address in this process (accounts are counted in the store, across processes). */
const addressFailures = new Map<string, { count: number; last: Date }>();

const throttled = (waitMs: number) => {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new DomainError(
    "rate_limited",
    "sign_in_throttled",
    `Too many failed sign-ins. Try again in ${seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.`,
    undefined,
    { retryAfterSeconds: seconds },
  );
};

/**
 * Check an e-mail and password; returns the user and a new session id, or
 * null. Unknown e-mails cost the same time as wrong passwords and are
 * throttled the same way; each failure is audited.
 * @throws 429 `sign_in_throttled` after repeated failures for the account or the address
 */
export async function signIn(ctx: Ctx, email: string, password: string, address = "unknown") {
  const normal = email.trim().toLowerCase().slice(0, 320);
  const now = ctx.now();
  const user = await ctx.repos.users.findByEmailWithHash(normal);
  const since = new Date(Math.max(now.getTime() - THROTTLE_WINDOW_MS, user?.lastSignInAt?.getTime() ?? 0));
  const failures = (
    await ctx.repos.audit.list(
      { objectType: "sign_in", objectId: normal, from: since },
      { limit: ACCOUNT_POLICY.lockAt },
    )
  ).items;
  const byAddress = addressFailures.get(address);
  const wait = Math.max(
    throttleWait(failures.length, failures[0]?.at ?? null, now, ACCOUNT_POLICY),
    byAddress && now.getTime() - byAddress.last.getTime() < THROTTLE_WINDOW_MS
      ? throttleWait(byAddress.count, byAddress.last, now, ADDRESS_POLICY)
      : 0,
  );
  if (wait > 0) throw throttled(wait);
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
  if (!user || !ok || user.disabled) {
    const previous = byAddress && now.getTime() - byAddress.last.getTime() < THROTTLE_WINDOW_MS ? byAddress.count : 0;
    addressFailures.set(address, { count: previous + 1, last: now });
    if (addressFailures.size > 10_000) addressFailures.delete(addressFailures.keys().next().value!);
    await audit(withActor(ctx, { kind: "system", label: "sign-in" }), {
      action: "session.sign_in_failed",
      objectType: "sign_in",
      objectId: normal,
      after: { address },
    });
    return null;
  }
  addressFailures.delete(address);
  return startSession(ctx, user);
}

/** A new console session for a user who proved who they are (password or single sign-on); audited as theirs. */
export async function startSession<U extends UserRecord>(ctx: Ctx, user: U): Promise<{ user: U; sessionId: string }> {
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
