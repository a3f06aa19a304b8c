// What a console page reads while it renders on the server: the same endpoint
// declaration the HTTP API serves (permission, zod parsing, core call), so the
// first paint carries the data and the browser's first fetch is a refresh.
import { DomainError, forbidden, invalidInput } from "@/lib/core/errors";
import { can } from "@/lib/core/permissions";
import type { Caller } from "./session";
import { contextFor } from "./context";
import type { Endpoint } from "./endpoint";

/** The endpoint's answer as the browser would receive it (JSON), or null when the thing does not exist. */
export async function readForPage<P, Q, R>(
  actor: Caller["actor"],
  ep: Endpoint<P, Q, undefined, R>,
  input: { params?: Record<string, string>; query?: Record<string, string | undefined> } = {},
): Promise<R | null> {
  if (ep.method !== "GET") throw new Error(`${ep.path}: pages read only with GET endpoints`);
  if (!can(actor.role, ep.action)) throw forbidden(`A ${actor.role} may not do this.`);
  const parse = <T>(
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } } | undefined,
    value: unknown,
    where: string,
  ): T => {
    if (!schema) return undefined as T;
    const result = schema.safeParse(value);
    if (!result.success) throw invalidInput(`The ${where} is not valid.`);
    return result.data;
  };
  const params = parse<P>(ep.params, input.params ?? {}, "address");
  const query = parse<Q>(
    ep.query,
    Object.fromEntries(Object.entries(input.query ?? {}).filter(([, v]) => v !== undefined)),
    "query",
  );
  try {
    const ctx = await contextFor(actor);
    const result = await ep.run({ ctx, params, query, body: undefined, req: new Request("http://signalbox.invalid/") });
    return JSON.parse(JSON.stringify(result)) as R;
  } catch (error) {
    if (error instanceof DomainError && error.kind === "not_found") return null;
    throw error;
  }
}

/**
 * For data a page hands to the browser's cache ahead of its first fetch: the answer, or undefined when the caller may
 * not read it or the URL's filters are not valid — the browser then asks the API itself and shows its error.
 */
export async function prefill<P, Q, R>(
  actor: Caller["actor"],
  ep: Endpoint<P, Q, undefined, R>,
  input: { params?: Record<string, string>; query?: Record<string, string | undefined> } = {},
): Promise<R | undefined> {
  if (!can(actor.role, ep.action)) return undefined;
  try {
    return (await readForPage(actor, ep, input)) ?? undefined;
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}
