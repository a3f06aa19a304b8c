import { randomBytes } from "node:crypto";
import type { Ctx } from "../context";
import { createUser } from "../users/create-user";

/**
 * First run on an empty store: create an admin from the given e-mail and
 * password, or generate a password (returned once so the launcher can print it).
 * Does nothing when any user exists.
 */
export async function ensureAdmin(
  ctx: Ctx,
  given: { email?: string; password?: string },
): Promise<{ created: false } | { created: true; email: string; generatedPassword: string | null }> {
  if ((await ctx.repos.users.count()) > 0) return { created: false };
  const email = given.email ?? "admin@signalbox.local";
  const generatedPassword = given.password ? null : randomBytes(15).toString("base64url");
  await createUser({
    ctx,
    input: { email, name: "Administrator", role: "admin", password: given.password ?? generatedPassword! },
  });
  return { created: true, email, generatedPassword };
}
