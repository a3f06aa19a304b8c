import type { Ctx } from "../context";
import { DomainError } from "../errors";
import type { Integration } from "./types";

export async function integrationBySlug(ctx: Ctx, slug: string): Promise<Integration> {
  const integration = await ctx.repos.integrations.findBySlug(slug);
  if (!integration) throw new DomainError("not_found", "not_found", `Integration "${slug}" not found.`);
  return integration;
}
