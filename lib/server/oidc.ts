// Single sign-on through any OpenID Connect provider, configured by SIGNALBOX_OIDC_*: next-auth 4's OAuth client
// (openid-client underneath: discovery, PKCE and state, ID token signature and issuer checks) does the protocol;
// Signalbox decides who may in (lib/core/auth/oidc-sign-in.ts). The client secret goes to next-auth only.
import type { Account, Profile, User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { signInWithOidc, type OidcRefusal } from "@/lib/core/auth/oidc-sign-in";
import { parseRoleMap, roleFromClaims } from "@/lib/core/auth/oidc-roles";
import type { Env } from "@/lib/env";
import { systemContext } from "./context";

export const OIDC_PROVIDER_ID = "oidc";

/** What the sign-in page offers. */
export interface SignInOptions {
  singleSignOn: string | null;
  passwords: boolean;
}

export function signInOptions(env: Env): SignInOptions {
  const enabled = Boolean(env.SIGNALBOX_OIDC_ISSUER);
  return {
    singleSignOn: enabled ? env.SIGNALBOX_OIDC_NAME : null,
    passwords: !enabled || env.SIGNALBOX_OIDC_PASSWORDS !== "off",
  };
}

type Claims = Profile & Record<string, unknown>;

/** next-auth's provider for the configured issuer, or null when single sign-on is off. */
export function oidcProvider(env: Env): OAuthConfig<Claims> | null {
  if (!env.SIGNALBOX_OIDC_ISSUER) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: env.SIGNALBOX_OIDC_NAME,
    type: "oauth",
    wellKnown: `${env.SIGNALBOX_OIDC_ISSUER.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    clientId: env.SIGNALBOX_OIDC_CLIENT_ID,
    clientSecret: env.SIGNALBOX_OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (claims) => ({
      id: String(claims.sub),
      email: typeof claims.email === "string" ? claims.email : null,
      name: typeof claims.name === "string" ? claims.name : null,
    }),
  };
}

/** Where a refused single sign-on lands: the sign-in page, which says why in plain words. */
export const refusedUrl = (reason: OidcRefusal) => `/signin?error=sso_${reason}`;

/**
 * next-auth's signIn callback for the OpenID Connect provider: map the role claim, let the core admit (or refuse)
 * the person, and hand the session id on to the JWT (next-auth passes this same `user` object to `jwt`).
 */
export async function admitOidcUser(env: Env, user: User, account: Account, claims: Claims): Promise<true | string> {
  const parsed = parseRoleMap(env.SIGNALBOX_OIDC_ROLE_MAP ?? "");
  const role = parsed.ok ? roleFromClaims(claims, env.SIGNALBOX_OIDC_ROLE_CLAIM, parsed.map) : null;
  const result = await signInWithOidc(await systemContext(), {
    identity: {
      subject: account.providerAccountId,
      email: typeof claims.email === "string" ? claims.email : null,
      emailVerified: claims.email_verified === true || claims.email_verified === "true",
      name: typeof claims.name === "string" ? claims.name : null,
    },
    role,
  });
  if (!result.ok) return refusedUrl(result.reason);
  user.sid = result.sessionId;
  user.role = result.user.role;
  user.name = result.user.name;
  user.email = result.user.email;
  return true;
}
