// Demo data: three people (one per role) and three integrations, one of them
// live with alert rules. Idempotent:
// running the demo again keeps what is there.
import { createIntegration } from "../../lib/core/integrations/create-integration";
import { withActor, type Ctx } from "../../lib/core/context";
import { approveContract } from "../../lib/core/contracts/approve-contract";
import { goLive } from "../../lib/core/readiness/readiness";
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
    // The one with alert thresholds is approved and goes live (its idempotency self-test still to run: allowed, with a warning).
    if (input.alertThresholds) {
      const asAdmin = withActor(ctx, {
        kind: "user",
        userId: ids.admin!,
        email: DEMO_USERS[0].email,
        name: DEMO_USERS[0].name,
        role: "admin",
        via: "session",
      });
      await approveContract({ ctx: asAdmin, slug: input.slug, version: 1 });
      await goLive({ ctx: asAdmin, slug: input.slug, input: { note: "Demo: live from the start." } });
    }
  }
  console.log("\n  Demo sign-ins (password for all three:  " + DEMO_PASSWORD + ")");
  for (const user of DEMO_USERS) console.log(`    ${user.role.padEnd(8)} ${user.email}`);
}
