// API.md §4 integration management through the route handlers, with every
// role: who may, who may not (403), and what each change leaves behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import type { Store } from "@/lib/db/client";
import { call, tokensByRole, type Handler, type Role } from "./helpers/api";
import { ingest, markLive, useGlobalStore } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let tokens: Record<Role, string>;
let ids: Record<Role, string>;
const r = {} as Record<string, Handler>;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  ({ tokens, ids } = await tokensByRole(store, ctx, "mgmt"));
  const list = await import("@/app/api/v1/integrations/route");
  const one = await import("@/app/api/v1/integrations/[slug]/route");
  r.list = list.GET;
  r.create = list.POST;
  r.get = one.GET;
  r.patch = one.PATCH;
  r.pause = (await import("@/app/api/v1/integrations/[slug]/pause/route")).POST;
  r.resume = (await import("@/app/api/v1/integrations/[slug]/resume/route")).POST;
  const contracts = await import("@/app/api/v1/integrations/[slug]/contracts/route");
  r.contracts = contracts.GET;
  r.addContract = contracts.POST;
  const keys = await import("@/app/api/v1/integrations/[slug]/keys/route");
  r.keys = keys.GET;
  r.addKey = keys.POST;
  r.revokeKey = (await import("@/app/api/v1/integrations/[slug]/keys/[id]/route")).DELETE;
  r.rotate = (await import("@/app/api/v1/integrations/[slug]/secrets/rotate/route")).POST;
});
afterAll(() => store.close());

const body = (slug: string) => ({
  slug,
  name: "Orders → ERP",
  mode: "relay",
  sourceSystem: "Shop",
  targetSystem: "ERP",
  destination: { url: "https://erp.example/api/orders" },
  contract: { schema: { type: "object", required: ["id"] }, idempotencyKeyPaths: ["/id"] },
});

describe("integration management API", () => {
  it("POST /integrations: admin 201 with key and both secrets once; ops and manager 403", async () => {
    for (const role of ["ops", "manager"] as const)
      expect((await call(r.create!, { method: "POST", token: tokens[role], body: body("m-denied") })).status).toBe(403);
    const res = await call(r.create!, { method: "POST", token: tokens.admin, body: body("m-orders") });
    expect(res.status).toBe(201);
    expect(res.body.integration).toMatchObject({
      slug: "m-orders",
      lifecycle: "draft",
      contract: { version: 1, status: "draft" },
    });
    expect(res.body.ingestKey.key).toMatch(/^sbx_key_/);
    expect(res.body.ingestSecret).toMatch(/^whsec_/);
    expect(res.body.deliverySecret).toMatch(/^whsec_/);
    const again = await call(r.get!, { token: tokens.manager, params: { slug: "m-orders" } });
    expect(JSON.stringify(again.body)).not.toContain(res.body.ingestKey.key);
    const bad = await call(r.create!, {
      method: "POST",
      token: tokens.admin,
      body: { ...body("m-bad"), destination: { url: "ftp://x" } },
    });
    expect([bad.status, bad.body.error.code, bad.body.error.details[0].path]).toEqual([
      400,
      "invalid_input",
      "/destination/url",
    ]);
    expect(
      (await call(r.create!, { method: "POST", token: tokens.admin, body: body("m-orders") })).body.error.code,
    ).toBe("slug_taken");
  });

  it("GET list and one for every role; 404 for an unknown slug", async () => {
    for (const role of ["admin", "ops", "manager"] as const) {
      const list = await call(r.list!, { token: tokens[role] });
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: { slug: string }) => i.slug)).toContain("m-orders");
    }
    expect((await call(r.get!, { token: tokens.ops, params: { slug: "nope" } })).status).toBe(404);
  });

  it("PATCH: admin changes owners, retry policy and runbook (audited); ops/manager 403; bad owners 400", async () => {
    for (const role of ["ops", "manager"] as const)
      expect(
        (
          await call(r.patch!, {
            method: "PATCH",
            token: tokens[role],
            params: { slug: "m-orders" },
            body: { runbook: "x" },
          })
        ).status,
      ).toBe(403);
    const res = await call(r.patch!, {
      method: "PATCH",
      token: tokens.admin,
      params: { slug: "m-orders" },
      body: {
        owners: { triage: ids.ops, incident: ids.admin },
        retryPolicy: { maxAttempts: 3 },
        runbook: "Call the ERP team.",
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.owners).toEqual({ logic: null, dataQuality: null, incident: ids.admin, triage: ids.ops });
    expect(res.body.retryPolicy).toMatchObject({ maxAttempts: 3, initialDelayMs: 5_000 });
    const bad = await call(r.patch!, {
      method: "PATCH",
      token: tokens.admin,
      params: { slug: "m-orders" },
      body: { owners: { triage: ids.manager } },
    });
    expect([bad.status, bad.body.error.details[0].path]).toEqual([400, "/owners/triage"]);
    const audit = await store.db.auditEntry.findFirst({
      where: { action: "integration.update", objectId: res.body.id },
      orderBy: { at: "desc" },
    });
    expect(audit?.actorLabel).toBe("admin-mgmt@api.test");
  });

  it("pause and resume: ops may, manager may not; pausing a draft or pausing twice is a 409", async () => {
    expect((await call(r.pause!, { method: "POST", token: tokens.manager, params: { slug: "m-orders" } })).status).toBe(
      403,
    );
    const draft = await call(r.pause!, { method: "POST", token: tokens.ops, params: { slug: "m-orders" } });
    expect([draft.status, draft.body.error.code, draft.body.error.message]).toEqual([
      409,
      "invalid_state",
      expect.stringContaining("draft"),
    ]);
    await markLive(ctx, "m-orders");
    const paused = await call(r.pause!, {
      method: "POST",
      token: tokens.ops,
      params: { slug: "m-orders" },
      body: { reason: "ERP maintenance" },
    });
    expect([paused.status, paused.body.lifecycle]).toEqual([200, "paused"]);
    const twice = await call(r.pause!, { method: "POST", token: tokens.ops, params: { slug: "m-orders" } });
    expect([twice.status, twice.body.error.code]).toEqual([409, "invalid_state"]);
    const resumed = await call(r.resume!, { method: "POST", token: tokens.ops, params: { slug: "m-orders" } });
    expect([resumed.status, resumed.body.lifecycle]).toEqual([200, "live"]);
    const audit = await store.db.auditEntry.findFirst({ where: { action: "integration.pause" } });
    expect(audit).toMatchObject({ reason: "ERP maintenance", actorLabel: "ops-mgmt@api.test" });
  });

  it("contracts: everyone lists, admin adds version 2 (draft) which validation then uses; bad schema 400", async () => {
    expect(
      (
        await call(r.addContract!, {
          method: "POST",
          token: tokens.ops,
          params: { slug: "m-orders" },
          body: { schema: { type: "object" } },
        })
      ).status,
    ).toBe(403);
    const added = await call(r.addContract!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "m-orders" },
      body: { schema: { type: "object", required: ["id", "sku"] }, idempotencyKeyPaths: ["/id"] },
    });
    expect([added.status, added.body.version, added.body.status]).toEqual([201, 2, "draft"]);
    const list = await call(r.contracts!, { token: tokens.manager, params: { slug: "m-orders" } });
    expect(list.body.items.map((c: { version: number }) => c.version)).toEqual([2, 1]);
    const invalid = await call(r.addContract!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "m-orders" },
      body: { schema: { type: 12 } },
    });
    expect(invalid.status).toBe(400);
  });

  it("keys: admin creates (shown once) and revokes; a revoked key no longer ingests; ops 403", async () => {
    expect(
      (await call(r.addKey!, { method: "POST", token: tokens.ops, params: { slug: "m-orders" }, body: { name: "x" } }))
        .status,
    ).toBe(403);
    const created = await call(r.addKey!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "m-orders" },
      body: { name: "shop webhook" },
    });
    expect(created.status).toBe(201);
    expect((await ingest("m-orders", { id: "k1", sku: "s" }, { key: created.body.key })).status).toBe(202);
    const listed = await call(r.keys!, { token: tokens.manager, params: { slug: "m-orders" } });
    expect(listed.body.items.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({
      name: "shop webhook",
      revokedAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    const revoked = await call(r.revokeKey!, {
      method: "DELETE",
      token: tokens.admin,
      params: { slug: "m-orders", id: created.body.id },
    });
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await ingest("m-orders", { id: "k2", sku: "s" }, { key: created.body.key })).status).toBe(401);
    expect(
      (
        await call(r.revokeKey!, {
          method: "DELETE",
          token: tokens.admin,
          params: { slug: "m-orders", id: created.body.id },
        })
      ).status,
    ).toBe(409);
  });

  it("secret rotation: the new ingest secret verifies at once, the old one until the grace period ends", async () => {
    const res = await call(r.create!, {
      method: "POST",
      token: tokens.admin,
      body: { ...body("m-rotate"), contract: { schema: { type: "object" } } },
    });
    const oldSecret = res.body.ingestSecret as string;
    const rotated = await call(r.rotate!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "m-rotate" },
      body: { which: "ingest" },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(oldSecret);
    expect((await ingest("m-rotate", { n: 1 }, { sign: { secret: rotated.body.secret } })).status).toBe(202);
    expect((await ingest("m-rotate", { n: 2 }, { sign: { secret: oldSecret } })).status).toBe(202);
    await call(r.rotate!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "m-rotate" },
      body: { which: "ingest", graceHours: 0 },
    });
    expect((await ingest("m-rotate", { n: 3 }, { sign: { secret: oldSecret } })).status).toBe(401);
    expect(
      (
        await call(r.rotate!, {
          method: "POST",
          token: tokens.ops,
          params: { slug: "m-rotate" },
          body: { which: "delivery" },
        })
      ).status,
    ).toBe(403);
  });
});

describe("exception retry API", () => {
  it("ops retries a failed event once (202, re-queued, audited); a second retry is 409; manager 403", async () => {
    const res = await call(r.create!, {
      method: "POST",
      token: tokens.admin,
      body: { ...body("m-retry"), contract: { schema: { type: "object" } } },
    });
    const accepted = await ingest("m-retry", { id: "f1" }, { key: res.body.ingestKey.key });
    const eventId = accepted.body.id!;
    const now = new Date();
    await ctx.repos.queue.deleteForEvent(eventId, "deliver");
    await ctx.repos.events.transition(
      eventId,
      null,
      { status: "failed", outcome: "failed", completedAt: now, attempts: 8, firstFailedAt: now },
      now,
    );
    const exception = await ctx.repos.exceptions.open({
      eventId,
      integrationId: res.body.integration.id,
      category: "transient",
      reason: "retries_exhausted",
      message: "HTTP 503",
      assigneeId: null,
      openedAt: now,
      dueAt: now,
    });
    const retry = (await import("@/app/api/v1/exceptions/[id]/retry/route")).POST;
    expect((await call(retry, { method: "POST", token: tokens.manager, params: { id: exception.id } })).status).toBe(
      403,
    );
    const first = await call(retry, {
      method: "POST",
      token: tokens.ops,
      params: { id: exception.id },
      body: { reason: "ERP is back" },
    });
    expect([first.status, first.body.eventStatus]).toEqual([202, "processing"]);
    const job = await store.db.queueJob.findFirstOrThrow({ where: { eventId } });
    expect(job.payload).toMatchObject({ resolution: "retried", attemptBase: 8 });
    const second = await call(retry, { method: "POST", token: tokens.ops, params: { id: exception.id } });
    expect([second.status, second.body.error.code]).toEqual([409, "invalid_state"]);
    expect(await store.db.queueJob.count({ where: { eventId } })).toBe(1);
    expect(await store.db.auditEntry.count({ where: { action: "exception.retry", objectId: exception.id } })).toBe(1);
    expect((await call(retry, { method: "POST", token: tokens.ops, params: { id: "missing" } })).status).toBe(404);
  });
});

describe("audit API", () => {
  it("every role reads the audit trail, filtered by object and actor; keyset pages; no credentials is a 401", async () => {
    const audit = (await import("@/app/api/v1/audit/route")).GET;
    const withQuery =
      (q: Record<string, string>): Handler =>
      (req, c) =>
        audit(new Request(`http://localhost/api/v1/audit?${new URLSearchParams(q)}`, { headers: req.headers }), c);
    for (const role of ["admin", "ops", "manager"] as const)
      expect((await call(audit, { token: tokens[role] })).status).toBe(200);
    expect((await call(audit, {})).status).toBe(401);
    const integration = await ctx.repos.integrations.findBySlug("m-orders");
    const byObject = await call(withQuery({ object: `integration:${integration!.id}` }), { token: tokens.manager });
    expect(byObject.body.items.length).toBeGreaterThan(2);
    expect(byObject.body.items.every((e: { objectId: string }) => e.objectId === integration!.id)).toBe(true);
    const byActor = await call(withQuery({ actor: ids.ops }), { token: tokens.manager });
    expect(byActor.body.items.every((e: { actor: string }) => e.actor === "ops-mgmt@api.test")).toBe(true);
    const page1 = await call(withQuery({ limit: "2" }), { token: tokens.ops });
    const page2 = await call(withQuery({ limit: "2", cursor: page1.body.nextCursor }), { token: tokens.ops });
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    expect((await call(withQuery({ object: "nonsense" }), { token: tokens.ops })).status).toBe(400);
  });
});
