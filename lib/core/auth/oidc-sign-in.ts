// Single sign-on: a person the OpenID Connect provider vouched for becomes (or stays) a Signalbox user.
import { randomBytes } from "node:crypto";
import { audit } from "../audit/record";
import { withActor, type Actor, type Ctx } from "../context";
import type { Role } from "../permissions";
import type { UserRecord } from "../ports";
import { hashPassword } from "../security/passwords";
import { userView } from "../users/view";
import { startSession } from "./sign-in";

/** What the provider's ID token says about the person (already verified by the OpenID Connect client). */
export interface OidcIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/**
 * Why a sign-in was refused: no claim value maps to a role; a new user's e-mail is missing or unverified; the
 * e-mail belongs to a user already signing in as another subject; the user is disabled in Signalbox.
 */
export type OidcRefusal = "no_role" | "email_unverified" | "email_taken" | "disabled";

export type OidcSignInResult = { ok: true; user: UserRecord; sessionId: string } | { ok: false; reason: OidcRefusal };

const SSO: Actor = { kind: "system", label: "single sign-on" };

/**
 * Sign in through single sign-on. The user is found by subject, else by verified e-mail (an existing user is
 * linked), else created; role and name follow the claims on every sign-in; an e-mail change at the provider moves
 * the user's e-mail when it is verified and free. Creation, changes and refusals are audited as "single sign-on".
 * The role comes from the caller (`roleFromClaims`); null refuses. Never throws for a refusal.
 */
export async function signInWithOidc(
  ctx: Ctx,
  { identity, role }: { identity: OidcIdentity; role: Role | null },
): Promise<OidcSignInResult> {
  const subject = identity.subject.slice(0, 255);
  const email = identity.email?.trim().toLowerCase().slice(0, 320) || null;
  const verifiedEmail = identity.emailVerified ? email : null;
  const claimedName = identity.name?.trim().slice(0, 120) || null;
  const sso = withActor(ctx, SSO);
  // A new user gets a password nobody knows (hashed outside the transaction: Argon2 takes a while).
  const known = await ctx.repos.users.findByOidcSubject(subject);
  const unusableHash = known ? null : await hashPassword(randomBytes(32).toString("base64url"));

  return sso.transaction(async (tx): Promise<OidcSignInResult> => {
    const refuse = async (reason: OidcRefusal): Promise<OidcSignInResult> => {
      await audit(tx, {
        action: "session.sign_in_refused",
        objectType: "sso_sign_in",
        objectId: subject,
        after: { reason, email },
      });
      return { ok: false, reason };
    };
    if (!role) return refuse("no_role");
    const bySubject = await tx.repos.users.findByOidcSubject(subject);
    let user: UserRecord | null = bySubject;
    if (!user) {
      if (!verifiedEmail) return refuse("email_unverified");
      const byEmail = await tx.repos.users.findByEmailWithHash(verifiedEmail);
      if (byEmail?.oidcSubject) return refuse("email_taken");
      if (byEmail) {
        const { passwordHash: _hash, oidcSubject: _subject, ...rest } = byEmail;
        user = rest;
      }
    }
    if (user?.disabled) return refuse("disabled");

    if (!user) {
      user = await tx.repos.users.create({
        email: verifiedEmail!,
        name: claimedName ?? verifiedEmail!.split("@")[0]!,
        role,
        passwordHash: unusableHash ?? (await hashPassword(randomBytes(32).toString("base64url"))),
        oidcSubject: subject,
        now: tx.now(),
      });
      await audit(tx, { action: "user.create", objectType: "user", objectId: user.id, after: userView(user) });
    } else {
      const emailMoves =
        verifiedEmail !== null &&
        verifiedEmail !== user.email &&
        !(await tx.repos.users.findByEmailWithHash(verifiedEmail));
      const patch = {
        role: role !== user.role ? role : undefined,
        name: claimedName && claimedName !== user.name ? claimedName : undefined,
        email: emailMoves ? verifiedEmail : undefined,
        oidcSubject: bySubject ? undefined : subject,
      };
      if (Object.values(patch).some((v) => v !== undefined)) {
        const before = user;
        user = await tx.repos.users.update(user.id, patch, tx.now());
        await audit(tx, {
          action: "user.update",
          objectType: "user",
          objectId: user.id,
          before: userView(before),
          after: { ...userView(user), ...(bySubject ? {} : { linkedToSingleSignOn: true }) },
        });
      }
    }
    const session = await startSession(tx, user);
    return { ok: true, ...session };
  });
}
