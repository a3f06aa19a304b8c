// The context every domain operation receives: who acts, what time it is, and
// the repositories (bound to a transaction when inside one).
import type { Role } from "./permissions";
import type { Repos } from "./ports";

export type Actor =
  | { kind: "user"; userId: string; email: string; name: string; role: Role; via: "session" | "token" }
  | { kind: "system"; label: "system" | "worker" | "ingest" | "demo" | "sign-in" | "single sign-on" };

export const SYSTEM: Actor = { kind: "system", label: "system" };

export interface Ctx {
  readonly actor: Actor;
  now(): Date;
  readonly repos: Repos;
  /** Run `fn` in one database transaction; reuses the outer one when already inside. */
  transaction<T>(fn: (tx: Ctx) => Promise<T>): Promise<T>;
  /**
   * The addresses a host name resolves to, for the check when a URL is saved ([] when unknown). Absent (tests,
   * scripts): names are checked when sending only.
   */
  readonly resolveHost?: (host: string) => Promise<string[]>;
}

export function actorLabel(actor: Actor): string {
  return actor.kind === "user" ? actor.email : actor.label;
}

export function actorId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}

/** The same context acting as someone else (e.g. the worker on behalf of the system). */
export function withActor(ctx: Ctx, actor: Actor): Ctx {
  return {
    actor,
    now: () => ctx.now(),
    repos: ctx.repos,
    transaction: (fn) => ctx.transaction((tx) => fn(withActor(tx, actor))),
    resolveHost: ctx.resolveHost,
  };
}
