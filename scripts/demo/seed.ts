// Demo data: three people (one per role) and three integrations. Idempotent:
// running the demo again keeps what is there.
import { createIntegration } from "../../lib/core/integrations/create-integration";
import type { Ctx } from "../../lib/core/context";
import { createUser } from "../../lib/core/users/create-user";
import { DEMO_INTEGRATIONS } from "./integrations";

export const DEMO_PASSWORD = "signalbox-demo";
export const DEMO_USERS = [
  { email: "admin@demo.signalbox.local", name: "Ada Admin", role: "admin" },
  { email: "ops@demo.signalbox.local", name: "Omar Ops", role: "ops" },
  { email: "manager@demo.signalbox.local", name: "Maya Manager", role: "manager" },
] as const;

export async function seedDemo(ctx: Ctx): Promise<void> {
  const ids: Record<string, string> = {};
  for (const user of DEMO_USERS) {
    const existing = await ctx.repos.users.findByEmailWithHash(user.email);
    ids[user.role] = existing?.id ?? (await createUser({ ctx, input: { ...user, password: DEMO_PASSWORD } })).id;
  }
  for (const make of DEMO_INTEGRATIONS) {
    const input = make({ admin: ids.admin!, ops: ids.ops!, manager: ids.manager! });
    if (await ctx.repos.integrations.findBySlug(input.slug)) continue;
    await createIntegration({ ctx, input });
  }
  console.log("\n  Demo sign-ins (password for all three:  " + DEMO_PASSWORD + ")");
  for (const user of DEMO_USERS) console.log(`    ${user.role.padEnd(8)} ${user.email}`);
}
