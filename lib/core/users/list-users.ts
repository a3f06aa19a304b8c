import { authorize } from "../authorize";
import type { Ctx } from "../context";
import type { TUserView } from "./schemas";
import { userView } from "./view";

/** Every signed-in role may list users (to assign work). */
export async function listUsers({ ctx }: { ctx: Ctx }): Promise<TUserView[]> {
  authorize(ctx, "users.read");
  return (await ctx.repos.users.list()).map(userView);
}
