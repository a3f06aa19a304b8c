// Single sign-on on a real store (SQLite or PostgreSQL): users are created on their first sign-in, kept by their
// OpenID Connect subject, their role and name follow the provider's claims, and a disabled user stays out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInWithOidc, type OidcIdentity } from "@/lib/core/auth/oidc-sign-in";
import { resolveSession, signIn } from "@/lib/core/auth/sign-in";
import type { Ctx } from "@/lib/core/context";
import { createUser } from "@/lib/core/users/create-user";
import { updateUser } from "@/lib/core/users/update-user";
import type { Store } from "@/lib/db/client";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let system: Ctx;
const clock = { now: new Date("2026-03-01T10:00:00Z") };

beforeAll(async () => {
  store = await freshStore();
  system = testContext(store, undefined, clock);
});
afterAll(() => store.close());

const identity = (over: Partial<OidcIdentity> = {}): OidcIdentity => ({
  subject: "sub-ana",
  email: "Ana@Example.com",
  emailVerified: true,
  name: "Ana Ops",
  ...over,
});

const auditOf = async (objectId: string) =>
  (await system.repos.audit.list({ objectType: "user", objectId }, { limit: 20 })).items
    .map((a) => ({ action: a.action, actorLabel: a.actorLabel, after: a.after }))
    .reverse();

describe("single sign-on", () => {
  it("creates the user on first sign-in from the claims, with a session, and audits it as single sign-on", async () => {
    const result = await signInWithOidc(system, { identity: identity(), role: "ops" });
    if (!result.ok) throw new Error(result.reason);
    expect(result.user).toMatchObject({ email: "ana@example.com", name: "Ana Ops", role: "ops", disabled: false });
    expect(await system.repos.users.findByOidcSubject("sub-ana")).toMatchObject({ id: result.user.id });
    expect(await resolveSession(system, result.sessionId)).toMatchObject({ kind: "user", role: "ops" });

    const entries = await auditOf(result.user.id);
    expect(entries.map((e) => [e.action, e.actorLabel])).toEqual([
      ["user.create", "single sign-on"],
      ["session.sign_in", "ana@example.com"],
    ]);
    expect(entries[0]!.after).toMatchObject({ email: "ana@example.com", role: "ops" });
    // No password was chosen: the account cannot be entered with one.
    expect(await signIn(system, "ana@example.com", "")).toBeNull();
  });

  it("updates role and name from the claims on the next sign-in (audited), and keeps the same user", async () => {
    const first = await system.repos.users.findByOidcSubject("sub-ana");
    const result = await signInWithOidc(system, { identity: identity({ name: "Ana Admin" }), role: "admin" });
    if (!result.ok) throw new Error(result.reason);
    expect(result.user).toMatchObject({ id: first!.id, role: "admin", name: "Ana Admin" });
    const update = (await auditOf(first!.id)).filter((e) => e.action === "user.update");
    expect(update).toHaveLength(1);
    expect(update[0]).toMatchObject({ actorLabel: "single sign-on", after: { role: "admin", name: "Ana Admin" } });

    // Nothing changed: no update entry.
    await signInWithOidc(system, { identity: identity({ name: "Ana Admin" }), role: "admin" });
    expect((await auditOf(first!.id)).filter((e) => e.action === "user.update")).toHaveLength(1);
  });

  it("keeps the user by subject when the provider's e-mail changes (no second user)", async () => {
    const before = (await system.repos.users.list()).length;
    const result = await signInWithOidc(system, {
      identity: identity({ email: "ana.new@example.com", name: "Ana Admin" }),
      role: "admin",
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.user.email).toBe("ana.new@example.com");
    expect((await system.repos.users.list()).length).toBe(before);
  });

  it("refuses a sign-in whose claims map to no role, creating nothing", async () => {
    const result = await signInWithOidc(system, {
      identity: identity({ subject: "sub-x", email: "x@example.com" }),
      role: null,
    });
    expect(result).toEqual({ ok: false, reason: "no_role" });
    expect(await system.repos.users.findByEmailWithHash("x@example.com")).toBeNull();
    const refused = await system.repos.audit.list({ objectType: "sso_sign_in", objectId: "sub-x" }, { limit: 5 });
    expect(refused.items.map((a) => [a.action, a.actorLabel, a.after])).toEqual([
      ["session.sign_in_refused", "single sign-on", { reason: "no_role", email: "x@example.com" }],
    ]);
  });

  it("refuses a new user whose e-mail the provider has not verified", async () => {
    const result = await signInWithOidc(system, {
      identity: identity({ subject: "sub-u", email: "u@example.com", emailVerified: false }),
      role: "ops",
    });
    expect(result).toEqual({ ok: false, reason: "email_unverified" });
    expect(await system.repos.users.findByEmailWithHash("u@example.com")).toBeNull();
  });

  it("links an existing password user by verified e-mail on their first single sign-on", async () => {
    const made = await createUser({
      ctx: system,
      input: { email: "bo@example.com", name: "Bo", role: "manager", password: "a long enough password" },
    });
    const result = await signInWithOidc(system, {
      identity: identity({ subject: "sub-bo", email: "bo@example.com", name: "Bo" }),
      role: "manager",
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.user.id).toBe(made.id);
    expect((await system.repos.users.findByOidcSubject("sub-bo"))?.id).toBe(made.id);
    // A different subject claiming the same e-mail is not let in as Bo.
    const other = await signInWithOidc(system, {
      identity: identity({ subject: "sub-impostor", email: "bo@example.com" }),
      role: "admin",
    });
    expect(other).toEqual({ ok: false, reason: "email_taken" });
    expect((await system.repos.users.findById(made.id))?.role).toBe("manager");
  });

  it("refuses a user disabled in Signalbox and ends their sessions as before", async () => {
    const first = await signInWithOidc(system, {
      identity: identity({ subject: "sub-cy", email: "cy@example.com", name: "Cy" }),
      role: "ops",
    });
    if (!first.ok) throw new Error(first.reason);
    await updateUser({ ctx: system, id: first.user.id, input: { disabled: true } });
    expect(await resolveSession(system, first.sessionId)).toBeNull();

    const again = await signInWithOidc(system, {
      identity: identity({ subject: "sub-cy", email: "cy@example.com", name: "Cy" }),
      role: "admin",
    });
    expect(again).toEqual({ ok: false, reason: "disabled" });
    const user = await system.repos.users.findById(first.user.id);
    expect(user).toMatchObject({ disabled: true, role: "ops" });
  });
});
