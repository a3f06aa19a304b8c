// Users, sessions and personal tokens on a real store (SQLite or PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveToken } from "@/lib/core/auth/resolve-token";
import { resolveSession, signIn, signOut } from "@/lib/core/auth/sign-in";
import { ensureAdmin } from "@/lib/core/auth/ensure-admin";
import type { Actor, Ctx } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { createToken, listAllTokens, listTokens, revokeToken } from "@/lib/core/tokens/tokens";
import { createUser } from "@/lib/core/users/create-user";
import { updateUser } from "@/lib/core/users/update-user";
import { userActor } from "@/lib/core/auth/sign-in";
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

async function makeUser(email: string, role: "admin" | "ops" | "manager") {
  const view = await createUser({
    ctx: system,
    input: { email, name: email.split("@")[0]!, role, password: "correct horse battery" },
  });
  const user = (await system.repos.users.findById(view.id))!;
  return { user, ctx: testContext(store, userActor(user, "session"), clock) };
}

async function rejects(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("users", () => {
  it("creates a user with a normalised e-mail, hashes the password, and audits it", async () => {
    const view = await createUser({
      ctx: system,
      input: { email: " Alice@Example.COM ", name: "Alice", role: "ops", password: "a long enough password" },
    });
    expect(view.email).toBe("alice@example.com");
    const stored = await system.repos.users.findByEmailWithHash("alice@example.com");
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await system.repos.audit.list({ objectType: "user", objectId: view.id }, { limit: 10 });
    expect(audit.items.map((a) => a.action)).toEqual(["user.create"]);
    expect(audit.items[0]!.actorLabel).toBe("system");
  });

  it("refuses a second user with the same e-mail (unique constraint → email_taken)", async () => {
    await makeUser("dup@example.com", "ops");
    const error = await rejects(
      createUser({
        ctx: system,
        input: { email: "DUP@example.com", name: "Again", role: "ops", password: "another long password" },
      }),
    );
    expect(error.code).toBe("email_taken");
    expect(error.kind).toBe("conflict");
  });

  it("rejects a short password with a pointer to the field", async () => {
    const error = await rejects(
      createUser({ ctx: system, input: { email: "short@example.com", name: "S", role: "ops", password: "short" } }),
    );
    expect(error.kind).toBe("invalid_input");
    expect(error.details).toEqual([expect.objectContaining({ path: "/password" })]);
  });

  it("only an admin may create users", async () => {
    const { ctx } = await makeUser("ops-creator@example.com", "ops");
    const error = await rejects(
      createUser({
        ctx,
        input: { email: "x@example.com", name: "X", role: "ops", password: "a long enough password" },
      }),
    );
    expect(error.kind).toBe("forbidden");
  });

  it("will not disable or demote the last enabled admin", async () => {
    const fresh = await freshStore();
    try {
      const ctx = testContext(fresh, undefined, clock);
      const admin = await createUser({
        ctx,
        input: { email: "only@example.com", name: "Only", role: "admin", password: "a long enough password" },
      });
      expect((await rejects(updateUser({ ctx, id: admin.id, input: { disabled: true } }))).code).toBe("last_admin");
      expect((await rejects(updateUser({ ctx, id: admin.id, input: { role: "ops" } }))).code).toBe("last_admin");
      await createUser({
        ctx,
        input: { email: "second@example.com", name: "Second", role: "admin", password: "a long enough password" },
      });
      expect((await updateUser({ ctx, id: admin.id, input: { role: "ops" } })).role).toBe("ops");
    } finally {
      await fresh.close();
    }
  });
});

describe("sign-in sessions", () => {
  it("signs in with the right password only, and records the session", async () => {
    await makeUser("bob@example.com", "ops");
    expect(await signIn(system, "bob@example.com", "wrong password!!")).toBeNull();
    expect(await signIn(system, "nobody@example.com", "correct horse battery")).toBeNull();
    const ok = await signIn(system, "BOB@example.com", "correct horse battery");
    expect(ok?.user.email).toBe("bob@example.com");
    const actor = await resolveSession(system, ok!.sessionId);
    expect(actor).toMatchObject({ kind: "user", email: "bob@example.com", role: "ops" });
  });

  it("a session ends on sign-out", async () => {
    await makeUser("carol@example.com", "manager");
    const { sessionId } = (await signIn(system, "carol@example.com", "correct horse battery"))!;
    await signOut(system, sessionId);
    expect(await resolveSession(system, sessionId)).toBeNull();
  });

  it("a session ends when its user is disabled, and the user cannot sign in again", async () => {
    const { user } = await makeUser("dave@example.com", "ops");
    const { sessionId } = (await signIn(system, "dave@example.com", "correct horse battery"))!;
    await updateUser({ ctx: system, id: user.id, input: { disabled: true } });
    expect(await resolveSession(system, sessionId)).toBeNull();
    expect(await signIn(system, "dave@example.com", "correct horse battery")).toBeNull();
  });

  it("a session expires after its lifetime", async () => {
    await makeUser("erin@example.com", "ops");
    const local = { now: new Date(clock.now) };
    const ctx = testContext(store, undefined, local);
    const { sessionId } = (await signIn(ctx, "erin@example.com", "correct horse battery"))!;
    local.now = new Date(local.now.getTime() + 13 * 3_600_000);
    expect(await resolveSession(ctx, sessionId)).toBeNull();
  });
});

describe("personal access tokens", () => {
  it("creates a token shown once, stores only its hash, and resolves it to its user's role", async () => {
    const { ctx } = await makeUser("frank@example.com", "manager");
    const created = await createToken({ ctx, input: { name: "report script" } });
    expect(created.token).toMatch(/^sbx_pat_[A-Za-z0-9_-]{43}$/);
    const rows = await store.db.personalAccessToken.findMany({ where: { id: created.id } });
    expect(rows[0]!.tokenHash).not.toContain(created.token);
    expect(JSON.stringify(rows)).not.toContain(created.token);
    const actor = (await resolveToken(system, created.token)) as Actor & { kind: "user" };
    expect(actor).toMatchObject({ email: "frank@example.com", role: "manager", via: "token" });
    expect(await resolveToken(system, created.token + "x")).toBeNull();
    expect(await resolveToken(system, "not-a-token")).toBeNull();
  });

  it("lists only the caller's tokens and revokes only the caller's own", async () => {
    const a = await makeUser("gina@example.com", "ops");
    const b = await makeUser("hank@example.com", "ops");
    const token = await createToken({ ctx: a.ctx, input: { name: "mine" } });
    expect((await listTokens({ ctx: b.ctx })).map((t) => t.id)).not.toContain(token.id);
    expect((await rejects(revokeToken({ ctx: b.ctx, id: token.id }))).kind).toBe("not_found");
    const revoked = await revokeToken({ ctx: a.ctx, id: token.id });
    expect(revoked.revokedAt).not.toBeNull();
    expect(await resolveToken(system, token.token)).toBeNull();
    expect((await rejects(revokeToken({ ctx: a.ctx, id: token.id }))).code).toBe("invalid_state");
    const actions = (
      await system.repos.audit.list({ objectType: "token", objectId: token.id }, { limit: 10 })
    ).items.map((e) => e.action);
    expect(actions).toEqual(["token.revoke", "token.create"]);
  });

  it("a disabled user's tokens stop working at once", async () => {
    const { user, ctx } = await makeUser("ivan@example.com", "ops");
    const token = await createToken({ ctx, input: { name: "cron" } });
    await updateUser({ ctx: system, id: user.id, input: { disabled: true } });
    expect(await resolveToken(system, token.token)).toBeNull();
  });
});

describe("first-run admin", () => {
  it("creates an admin with a generated password only on an empty store", async () => {
    const fresh = await freshStore();
    try {
      const ctx = testContext(fresh, undefined, clock);
      const first = await ensureAdmin(ctx, {});
      expect(first).toMatchObject({ created: true, email: "admin@signalbox.local" });
      const password = first.created ? first.generatedPassword : null;
      expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
      expect(await signIn(ctx, "admin@signalbox.local", password!)).not.toBeNull();
      expect(await ensureAdmin(ctx, { email: "other@example.com", password: "whatever long pw" })).toEqual({
        created: false,
      });
    } finally {
      await fresh.close();
    }
  });
});

describe("token lifecycle", () => {
  it("a token may expire: it works until then and never after", async () => {
    const { ctx } = await makeUser("ivy@example.com", "ops");
    const local = { now: new Date(clock.now) };
    const created = await createToken({
      ctx: testContext(store, ctx.actor, local),
      input: { name: "nightly", expiresInDays: 30 },
    });
    expect(created.expiresAt).toBe(new Date(local.now.getTime() + 30 * 86_400_000).toISOString());
    const at = testContext(store, undefined, local);
    expect(await resolveToken(at, created.token)).not.toBeNull();
    local.now = new Date(local.now.getTime() + 30 * 86_400_000 + 1);
    expect(await resolveToken(at, created.token)).toBeNull();
    expect((await rejects(createToken({ ctx, input: { name: "too long", expiresInDays: 10_000 } }))).kind).toBe(
      "invalid_input",
    );
  });

  it("disabling a user revokes their tokens, so enabling them again does not revive them", async () => {
    const { user, ctx } = await makeUser("jack@example.com", "ops");
    const token = await createToken({ ctx, input: { name: "sync" } });
    await updateUser({ ctx: system, id: user.id, input: { disabled: true } });
    await updateUser({ ctx: system, id: user.id, input: { disabled: false } });
    expect(await resolveToken(system, token.token)).toBeNull();
    expect((await listTokens({ ctx }))[0]!.revokedAt).not.toBeNull();
  });

  it("a password change can end the user's tokens too", async () => {
    const { user, ctx } = await makeUser("kim@example.com", "ops");
    const kept = await createToken({ ctx, input: { name: "kept" } });
    await updateUser({ ctx: system, id: user.id, input: { password: "another long password" } });
    expect(await resolveToken(system, kept.token)).not.toBeNull();
    await updateUser({ ctx: system, id: user.id, input: { password: "a third long password", endTokens: true } });
    expect(await resolveToken(system, kept.token)).toBeNull();
    const entries = await store.db.auditEntry.findMany({ where: { action: "user.update", objectId: user.id } });
    expect(entries.map((e) => (e.after as { tokensEnded: number }).tokensEnded).sort()).toEqual([0, 1]);
  });

  it("an admin lists everyone's tokens with their owner and may revoke any of them, audited", async () => {
    const admin = await makeUser("lena@example.com", "admin");
    const owner = await makeUser("max@example.com", "ops");
    const token = await createToken({ ctx: owner.ctx, input: { name: "forgotten script" } });
    expect((await rejects(listAllTokens({ ctx: owner.ctx }))).kind).toBe("forbidden");
    const all = await listAllTokens({ ctx: admin.ctx });
    expect(all.find((t) => t.id === token.id)?.owner).toMatchObject({ email: "max@example.com" });
    await revokeToken({ ctx: admin.ctx, id: token.id });
    expect(await resolveToken(system, token.token)).toBeNull();
    const entry = await store.db.auditEntry.findFirst({ where: { action: "token.revoke", objectId: token.id } });
    expect(entry?.actorLabel).toBe("lena@example.com");
    expect(JSON.stringify(entry?.after)).toContain(owner.user.id);
  });
});
