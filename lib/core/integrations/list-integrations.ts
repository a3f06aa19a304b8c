import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { integrationView, type IntegrationView } from "./view";

export async function listIntegrations({ ctx }: { ctx: Ctx }): Promise<IntegrationView[]> {
  authorize(ctx, "integrations.read");
  const integrations = await ctx.repos.integrations.list();
  return Promise.all(integrations.map(async (i) => integrationView(i, await ctx.repos.contracts.current(i.id))));
}
