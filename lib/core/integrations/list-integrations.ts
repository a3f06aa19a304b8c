import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { seesTail } from "./secret-urls";
import type { TIntegrationListItem } from "./schemas";
import { integrationView } from "./view";

/**
 * The integrations in use (with `archived`, the archived ones too) with their
 * current contract and recent activity (traffic, open exceptions).
 */
export async function listIntegrations({
  ctx,
  archived = false,
}: {
  ctx: Ctx;
  archived?: boolean;
}): Promise<TIntegrationListItem[]> {
  authorize(ctx, "integrations.read");
  const integrations = await ctx.repos.integrations.list(archived ? {} : { archived: false });
  const activity = await ctx.repos.integrations.activity(
    integrations.map((i) => i.id),
    ctx.now(),
  );
  return Promise.all(
    integrations.map(async (i) => {
      const a = activity.find((x) => x.integrationId === i.id);
      return {
        ...integrationView(i, await ctx.repos.contracts.current(i.id), { tail: seesTail(ctx.actor) }),
        activity: {
          lastEventAt: a?.lastEventAt?.toISOString() ?? null,
          eventsLastHour: a?.eventsLastHour ?? 0,
          openExceptions: a?.openExceptions ?? 0,
        },
      };
    }),
  );
}
