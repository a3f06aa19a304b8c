import type { Ctx } from "../context";
import { invalidInput, type Issue } from "../errors";
import type { Owners } from "./types";

const NEEDS_OPERATOR: (keyof Owners)[] = ["incident", "triage"];

/**
 * Owners must be enabled users; the incident and triage owners receive work,
 * so they must be ops or admin.
 * @throws invalid_input listing each bad owner
 */
export async function checkOwners(ctx: Ctx, owners: Partial<Owners>): Promise<void> {
  const issues: Issue[] = [];
  for (const [role, userId] of Object.entries(owners) as [keyof Owners, string | null | undefined][]) {
    if (!userId) continue;
    const user = await ctx.repos.users.findById(userId);
    if (!user || user.disabled) issues.push({ path: `/owners/${role}`, message: "no such enabled user" });
    else if (NEEDS_OPERATOR.includes(role) && user.role === "manager") {
      issues.push({ path: `/owners/${role}`, message: "must be an ops or admin user" });
    }
  }
  if (issues.length) throw invalidInput("Some owners cannot be assigned.", issues);
}
