// Who is calling: a personal access token (Authorization: Bearer sbx_pat_…)
// or the console session cookie — re-checked against the store on every request.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { resolveToken } from "@/lib/core/auth/resolve-token";
import { resolveSession } from "@/lib/core/auth/sign-in";
import type { Actor } from "@/lib/core/context";
import { authOptions } from "./auth-options";
import { systemContext } from "./context";

export interface Caller {
  actor: Actor & { kind: "user" };
  via: "session" | "token";
}

export async function callerFromRequest(req: Request): Promise<Caller | null> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return null;
    const actor = await resolveToken(await systemContext(), match[1]!);
    return actor?.kind === "user" ? { actor, via: "token" } : null;
  }
  // No next-auth cookie: nothing to decode (and no request scope needed).
  if (!/next-auth\.session-token/.test(req.headers.get("cookie") ?? "")) return null;
  return callerFromSession();
}

export async function callerFromSession(): Promise<Caller | null> {
  const session = await getServerSession(authOptions());
  if (!session?.sid) return null;
  const actor = await resolveSession(await systemContext(), session.sid);
  return actor?.kind === "user" ? { actor, via: "session" } : null;
}

/** For console pages: the signed-in user, or a redirect to the sign-in page. */
export async function requirePageUser(): Promise<Caller["actor"]> {
  const caller = await callerFromSession();
  if (!caller) redirect("/signin");
  return caller.actor;
}
