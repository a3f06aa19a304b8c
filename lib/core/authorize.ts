import type { Ctx } from "./context";
import { forbidden } from "./errors";
import { can, type Action } from "./permissions";

/**
 * Operations check their own permission too, so every caller (route, worker,
 * script, test) gets the same rule. The system actor may do everything.
 */
export function authorize(ctx: Ctx, action: Action): void {
  if (ctx.actor.kind === "system") return;
  if (!can(ctx.actor.role, action)) throw forbidden(`A ${ctx.actor.role} may not do this (${action}).`);
}

export function requireUser(ctx: Ctx) {
  if (ctx.actor.kind !== "user") throw forbidden("Only a signed-in user may do this.");
  return ctx.actor;
}
