// The route guard end to end over a real store: token auth, role checks,
// input parsing and the error shape — calling the exported route handlers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userActor } from "@/lib/core/auth/sign-in";
import { createToken } from "@/lib/core/tokens/tokens";
import { createUser } from "@/lib/core/users/create-user";
import type { Store } from "@/lib/db/client";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
const tokens: Record<string, string> = {};

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let users: { GET: Handler; POST: Handler };
let userById: { PATCH: Handler };
let tokenRoutes: { GET: Handler; POST: Handler };

beforeAll(async () => {
  store = await freshStore();
  // The route modules use the process-wide store: point it at this test's store.
  (globalThis as { __signalboxStore?: Promise<Store> }).__signalboxStore = Promise.resolve(store);
  const system = testContext(store);
  for (const role of ["admin", "ops", "manager"] as const) {
    const view = await createUser({
      ctx: system,
      input: { email: `${role}@guard.test`, name: role, role, password: "a long enough password" },
    });
    const user = (await system.repos.users.findById(view.id))!;
    tokens[role] = (
      await createToken({ ctx: testContext(store, userActor(user, "token")), input: { name: "t" } })
    ).token;
  }
  users = await import("@/app/api/v1/users/route");
  userById = await import("@/app/api/v1/users/[id]/route");
  tokenRoutes = await import("@/app/api/v1/tokens/route");
});
afterAll(() => store.close());

const noParams = { params: Promise.resolve({}) };

function request(method: string, path: string, init: { token?: string; body?: unknown; contentType?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = init.contentType ?? "application/json";
  return new Request(`http://localhost${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
}

describe("route guard", () => {
  it("answers 401 with the error shape when there are no credentials or a bad token", async () => {
    for (const token of [undefined, "sbx_pat_nonsense"]) {
      const res = await users.GET(request("GET", "/api/v1/users", { token }), noParams);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
  });

  it("lets every role read, and answers a manager's mutation with 403", async () => {
    for (const role of ["admin", "ops", "manager"]) {
      const res = await users.GET(request("GET", "/api/v1/users", { token: tokens[role] }), noParams);
      expect(res.status).toBe(200);
      expect((await res.json()).items).toHaveLength(3);
    }
    const body = { email: "new@guard.test", name: "New", role: "ops", password: "a long enough password" };
    for (const role of ["manager", "ops"]) {
      const res = await users.POST(request("POST", "/api/v1/users", { token: tokens[role], body }), noParams);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
    }
    expect(await store.db.user.count({ where: { email: "new@guard.test" } })).toBe(0);
  });

  it("an admin creates a user: 201, and the change is audited", async () => {
    const body = { email: "made@guard.test", name: "Made", role: "ops", password: "a long enough password" };
    const res = await users.POST(request("POST", "/api/v1/users", { token: tokens.admin, body }), noParams);
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ email: "made@guard.test", role: "ops", disabled: false });
    expect(created).not.toHaveProperty("passwordHash");
    const audit = await store.db.auditEntry.findMany({ where: { objectId: created.id } });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([["user.create", "admin@guard.test"]]);
  });

  it("answers bad input with 400 and JSON Pointer details, non-JSON with 415, broken JSON with 400 invalid_json", async () => {
    const bad = await users.POST(
      request("POST", "/api/v1/users", { token: tokens.admin, body: { email: "nope", role: "boss" } }),
      noParams,
    );
    expect(bad.status).toBe(400);
    const err = await bad.json();
    expect(err.error.code).toBe("invalid_input");
    expect(err.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "/email",
      "/name",
      "/password",
      "/role",
    ]);

    const text = await users.POST(
      request("POST", "/api/v1/users", { token: tokens.admin, body: "hello", contentType: "text/plain" }),
      noParams,
    );
    expect(text.status).toBe(415);
    expect((await text.json()).error.code).toBe("unsupported_media_type");

    const broken = await users.POST(request("POST", "/api/v1/users", { token: tokens.admin, body: "{nope" }), noParams);
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe("invalid_json");
  });

  it("answers 404 for a missing user and 409 for a conflicting e-mail", async () => {
    const missing = await userById.PATCH(
      request("PATCH", "/api/v1/users/nope", { token: tokens.admin, body: { name: "X" } }),
      {
        params: Promise.resolve({ id: "nope" }),
      },
    );
    expect(missing.status).toBe(404);
    const dup = await users.POST(
      request("POST", "/api/v1/users", {
        token: tokens.admin,
        body: { email: "ops@guard.test", name: "Dup", role: "ops", password: "a long enough password" },
      }),
      noParams,
    );
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.code).toBe("email_taken");
  });

  it("a manager may still manage their own tokens (read-only role, own credentials)", async () => {
    const res = await tokenRoutes.POST(
      request("POST", "/api/v1/tokens", { token: tokens.manager, body: { name: "script" } }),
      noParams,
    );
    expect(res.status).toBe(201);
    const list = await tokenRoutes.GET(request("GET", "/api/v1/tokens", { token: tokens.manager }), noParams);
    expect((await list.json()).items.map((t: { name: string }) => t.name).sort()).toEqual(["script", "t"]);
  });
});
