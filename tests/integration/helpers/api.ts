// Calling route handlers as a signed-in script would: one token per role.
import type { Ctx } from "@/lib/core/context";
import { userActor } from "@/lib/core/auth/sign-in";
import { createToken } from "@/lib/core/tokens/tokens";
import { createUser } from "@/lib/core/users/create-user";
import type { Store } from "@/lib/db/client";
import { testContext } from "./store";

export type Role = "admin" | "ops" | "manager";
export type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function tokensByRole(store: Store, system: Ctx, tag: string) {
  const tokens = {} as Record<Role, string>;
  const ids = {} as Record<Role, string>;
  for (const role of ["admin", "ops", "manager"] as const) {
    const view = await createUser({
      ctx: system,
      input: { email: `${role}-${tag}@api.test`, name: `${role} ${tag}`, role, password: "a long enough password" },
    });
    const user = (await system.repos.users.findById(view.id))!;
    tokens[role] = (
      await createToken({ ctx: testContext(store, userActor(user, "token")), input: { name: "api test" } })
    ).token;
    ids[role] = view.id;
  }
  return { tokens, ids };
}

export async function call(
  handler: Handler,
  init: {
    method?: string;
    token?: string;
    body?: unknown;
    params?: Record<string, string>;
    query?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const res = await handler(
    new Request(`http://localhost/api${init.query ? `?${new URLSearchParams(init.query)}` : ""}`, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    { params: Promise.resolve(init.params ?? {}) },
  );
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
