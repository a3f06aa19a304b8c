// next-auth: e-mail + password and/or single sign-on (lib/server/oidc.ts), JWT cookie naming a server-side
// session row. Sign-out revokes the row; every request re-checks it (lib/server/session.ts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SESSION_HOURS, signIn, signOut } from "@/lib/core/auth/sign-in";
import { DomainError } from "@/lib/core/errors";
import { getEnv, type Env } from "@/lib/env";
import { systemContext } from "./context";
import { admitOidcUser, OIDC_PROVIDER_ID, oidcProvider, signInOptions } from "./oidc";
import { publicUrl, usesHttps } from "./security-headers";

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
  interface User {
    sid?: string;
    role?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    role?: string;
  }
}

export function authOptions(env: Env = getEnv()): NextAuthOptions {
  const sso = oidcProvider(env);
  return {
    secret: env.SIGNALBOX_SECRET,
    // Secure cookies (named __Secure-… / __Host-…) whenever the console is served over https.
    useSecureCookies: usesHttps(publicUrl(env)),
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
    // next-auth's errors (a failed OpenID Connect exchange, …) come back to the sign-in page, which explains them.
    pages: { signIn: "/signin", error: "/signin" },
    providers: [...(sso ? [sso] : []), ...(signInOptions(env).passwords ? [passwordProvider()] : [])],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        return admitOidcUser(env, user, account, profile as Parameters<typeof admitOidcUser>[3]);
      },
      jwt({ token, user }) {
        if (user) {
          token.sid = user.sid;
          token.role = user.role;
        }
        return token;
      },
      session({ session, token }) {
        session.sid = token.sid;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await signOut(await systemContext(), token.sid);
      },
    },
  };
}

function passwordProvider() {
  return CredentialsProvider({
    name: "E-mail and password",
    credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
    async authorize(credentials, req) {
      if (!credentials?.email || !credentials.password) return null;
      const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
      const address = (headers["x-forwarded-for"]?.split(",")[0] ?? headers["x-real-ip"] ?? "unknown")
        .trim()
        .slice(0, 64);
      let result;
      try {
        result = await signIn(await systemContext(), credentials.email, credentials.password, address);
      } catch (error) {
        // next-auth hands an error's message to the sign-in form (result.error)
        if (error instanceof DomainError && error.code === "sign_in_throttled")
          throw new Error(`throttled: ${error.message}`);
        throw error;
      }
      if (!result) return null;
      const { user, sessionId } = result;
      return { id: user.id, email: user.email, name: user.name, role: user.role, sid: sessionId };
    },
  });
}
