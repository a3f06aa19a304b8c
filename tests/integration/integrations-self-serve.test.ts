// Integrations served by admins themselves (issue 10, item 2), through the
// route handlers on a real store: created with a first contract inferred from
// a sample, a test record through the real ingest path, the destination edited
// (SSRF-checked at save time, header values sealed, masked and write-only),
// archived (ingest refused, hidden from lists and rankings) and restored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { inferSchema, keyPathCandidates } from "@/lib/core/integrations/infer-schema";
import { getKpis } from "@/lib/core/kpis/get-kpis";
import type { Store } from "@/lib/db/client";
import { call, tokensByRole, type Handler, type Role } from "./helpers/api";
import { ingest, markLive, startWorker, useGlobalStore, waitForEvent } from "./helpers/pipeline";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, testContext } from "./helpers/store";
import type { WorkerHandle } from "@/lib/worker/run";

let store: Store;
let ctx: Ctx;
let sink: Sink;
let worker: WorkerHandle;
let tokens: Record<Role, string>;
const r = {} as Record<string, Handler>;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  sink = await startSink();
  ({ tokens } = await tokensByRole(store, ctx, "self"));
  const list = await import("@/app/api/v1/integrations/route");
  const one = await import("@/app/api/v1/integrations/[slug]/route");
  r.list = list.GET;
  r.create = list.POST;
  r.get = one.GET;
  r.patch = one.PATCH;
  r.pause = (await import("@/app/api/v1/integrations/[slug]/pause/route")).POST;
  r.archive = (await import("@/app/api/v1/integrations/[slug]/archive/route")).POST;
  r.restore = (await import("@/app/api/v1/integrations/[slug]/restore/route")).POST;
  r.testRecord = (await import("@/app/api/v1/integrations/[slug]/test-record/route")).POST;
  r.contracts = (await import("@/app/api/v1/integrations/[slug]/contracts/route")).GET;
  worker = await startWorker(ctx, store);
});
afterAll(async () => {
  await worker?.stop();
  await sink?.close();
  await store.close();
});

const sample = { order: { id: "S-1", total: 42.5, placedAt: "2026-05-01T10:00:00Z", lines: [{ sku: "X", qty: 1 }] } };
const withQuery =
  (handler: Handler, q: Record<string, string>): Handler =>
  (req, c) =>
    handler(new Request(`http://localhost/api?${new URLSearchParams(q)}`, { headers: req.headers }), c);

async function create(slug: string, extra: Record<string, unknown> = {}) {
  return call(r.create!, {
    method: "POST",
    token: tokens.admin,
    body: {
      slug,
      name: `Orders ${slug}`,
      mode: "relay",
      sourceSystem: "Shop",
      targetSystem: "ERP",
      destination: { url: `${sink.url}/${slug}`, allowPrivateNetwork: true, timeoutMs: 2_000 },
      contract: { schema: inferSchema(sample), idempotencyKeyPaths: [keyPathCandidates(sample)[0]] },
      ...extra,
    },
  });
}

describe("create with a first contract from a sample", () => {
  it("stores the inferred schema as draft version 1, which ingest then applies", async () => {
    const res = await create("ss-orders");
    expect(res.status).toBe(201);
    expect(res.body.integration).toMatchObject({
      lifecycle: "draft",
      archivedAt: null,
      contract: { version: 1, status: "draft" },
    });
    const contracts = await call(r.contracts!, { token: tokens.manager, params: { slug: "ss-orders" } });
    expect(contracts.body.items[0]).toMatchObject({
      version: 1,
      status: "draft",
      idempotencyKeyPaths: ["/order/id"],
      schema: { type: "object", required: ["order"] },
    });
    expect((await ingest("ss-orders", sample, { key: res.body.ingestKey.key })).status).toBe(202);
    const again = await ingest("ss-orders", sample, { key: res.body.ingestKey.key });
    expect([again.status, again.body.duplicate]).toEqual([200, true]);
    const wrong = await ingest("ss-orders", { order: { id: "S-2", total: "lots" } }, { key: res.body.ingestKey.key });
    expect([wrong.status, wrong.body.error?.code]).toEqual([422, "contract_violation"]);
  });

  it("refuses a private destination unless private targets are allowed: 422 private_destination on the field", async () => {
    const res = await create("ss-private", { destination: { url: "http://10.0.0.7/orders" } });
    expect([res.status, res.body.error.code, res.body.error.details[0].path]).toEqual([
      422,
      "private_destination",
      "/destination/url",
    ]);
    expect((await call(r.get!, { token: tokens.admin, params: { slug: "ss-private" } })).status).toBe(404);
  });
});

describe("send a test record", () => {
  it("goes through the real ingest path, is recorded and delivered to the destination; ops 403", async () => {
    expect(
      (
        await call(r.testRecord!, {
          method: "POST",
          token: tokens.ops,
          params: { slug: "ss-orders" },
          body: { sample },
        })
      ).status,
    ).toBe(403);
    const res = await call(r.testRecord!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "ss-orders" },
      body: { sample: { order: { ...sample.order, id: "T-1" } } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: true, httpStatus: 202, eventStatus: "received", error: null });
    const event = await waitForEvent(ctx, res.body.eventId, (e) => e.status === "succeeded");
    expect(event.payload).toMatchObject({ order: { id: "T-1" } });
    expect(sink.requests.some((q) => q.url === "/ss-orders" && JSON.parse(q.body).order?.id === "T-1")).toBe(true);
    const bad = await call(r.testRecord!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "ss-orders" },
      body: { sample: { order: { id: 5 } } },
    });
    expect(bad.body).toMatchObject({ accepted: false, httpStatus: 422, error: { code: "contract_violation" } });
    expect(await store.db.auditEntry.count({ where: { action: "integration.test_record" } })).toBe(2);
  });
});

describe("edit the destination", () => {
  it("refuses a loopback URL without private targets (422 on the field), and nothing changes", async () => {
    const res = await call(r.patch!, {
      method: "PATCH",
      token: tokens.admin,
      params: { slug: "ss-orders" },
      body: { destination: { url: "http://127.0.0.1:9/x" } },
    });
    expect([res.status, res.body.error.code, res.body.error.details[0].path]).toEqual([
      422,
      "private_destination",
      "/destination/url",
    ]);
    expect(res.body.error.message).toMatch(/Allow private targets/);
    const spelled = await call(r.patch!, {
      method: "PATCH",
      token: tokens.admin,
      params: { slug: "ss-orders" },
      body: { destination: { url: "http://0x7f.1/x" } },
    });
    expect(spelled.status).toBe(422);
    const local = await call(r.patch!, {
      method: "PATCH",
      token: tokens.admin,
      params: { slug: "ss-orders" },
      body: { notificationWebhook: "http://localhost/hook", destination: { url: "https://erp.example/x" } },
    });
    expect([local.status, local.body.error.details[0].path]).toEqual([422, "/notificationWebhook"]);
    const view = await call(r.get!, { token: tokens.admin, params: { slug: "ss-orders" } });
    expect(view.body.destination.url).toBe(`${sink.url}/ss-orders`);
  });

  it("seals header values, shows them masked to every role, keeps them out of the audit, and keeps a blank value", async () => {
    const secret = "Bearer erp-s3cret-token";
    const res = await call(r.patch!, {
      method: "PATCH",
      token: tokens.admin,
      params: { slug: "ss-orders" },
      body: {
        destination: {
          url: `${sink.url}/ss-edited`,
          method: "PUT",
          headers: { Authorization: secret, "X-Tenant": "acme" },
          timeoutMs: 3_000,
          allowPrivateNetwork: true,
        },
        retryPolicy: { maxAttempts: 4, initialDelayMs: 100 },
        rateLimit: { perSecond: 50, burst: 60 },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.destination).toEqual({
      url: `${sink.url}/ss-edited`,
      method: "PUT",
      headers: { Authorization: "••••", "X-Tenant": "••••" },
      timeoutMs: 3_000,
      allowPrivateNetwork: true,
    });
    expect(res.body).toMatchObject({
      retryPolicy: { maxAttempts: 4, initialDelayMs: 100 },
      rateLimit: { perSecond: 50, burst: 60 },
    });
    for (const role of ["admin", "ops", "manager"] as const) {
      expect(
        JSON.stringify((await call(r.get!, { token: tokens[role], params: { slug: "ss-orders" } })).body),
      ).not.toContain("s3cret");
      expect(JSON.stringify((await call(r.list!, { token: tokens[role] })).body)).not.toContain("s3cret");
    }
    const row = await store.db.integration.findUniqueOrThrow({ where: { slug: "ss-orders" } });
    expect(JSON.stringify(row.destination)).not.toContain("s3cret");
    const audits = await store.db.auditEntry.findMany({ where: { action: "integration.update", objectId: row.id } });
    expect(audits.length).toBeGreaterThan(0);
    expect(JSON.stringify(audits)).not.toContain("s3cret");
    expect(JSON.stringify(audits)).not.toContain("acme");

    // An edit that leaves the value blank keeps it; a header left out is removed.
    const kept = await call(r.patch!, {
      method: "PATCH",
      token: tokens.admin,
      params: { slug: "ss-orders" },
      body: {
        destination: {
          url: `${sink.url}/ss-edited`,
          method: "POST",
          headers: { Authorization: "" },
          allowPrivateNetwork: true,
        },
      },
    });
    expect([kept.status, kept.body.destination.headers]).toEqual([200, { Authorization: "••••" }]);
    await new Promise((r) => setTimeout(r, 2_100)); // workers read settings through a 2 s cache
    const sent = await ingest(
      "ss-orders",
      { order: { ...sample.order, id: "H-1" } },
      { key: await newKey("ss-orders") },
    );
    await waitForEvent(ctx, sent.body.id!, (e) => e.status === "succeeded");
    const request = sink.requests.find((q) => q.url === "/ss-edited" && JSON.parse(q.body).order?.id === "H-1");
    expect(request?.method).toBe("POST");
    expect(request?.headers.authorization).toBe(secret);
    expect(request?.headers["x-tenant"]).toBeUndefined();
  });

  it("refuses a header value with a line break, and a blank value for a header never stored (400)", async () => {
    const crlf = await call(r.patch!, {
      method: "PATCH",
      token: tokens.admin,
      params: { slug: "ss-orders" },
      body: { destination: { url: `${sink.url}/x`, headers: { "X-A": "a\r\nX-Evil: 1" }, allowPrivateNetwork: true } },
    });
    expect([crlf.status, crlf.body.error.details[0].path]).toEqual([400, "/destination/headers/X-A"]);
    const blank = await call(r.patch!, {
      method: "PATCH",
      token: tokens.admin,
      params: { slug: "ss-orders" },
      body: { destination: { url: `${sink.url}/x`, headers: { "X-New": "" }, allowPrivateNetwork: true } },
    });
    expect([blank.status, blank.body.error.details[0].path]).toEqual([400, "/destination/headers/X-New"]);
  });
});

async function newKey(slug: string): Promise<string> {
  const keys = await import("@/app/api/v1/integrations/[slug]/keys/route");
  return (await call(keys.POST, { method: "POST", token: tokens.admin, params: { slug }, body: { name: "test" } })).body
    .key;
}

describe("a draft offers no pause", () => {
  it("answers 409 for a draft", async () => {
    const res = await call(r.pause!, { method: "POST", token: tokens.ops, params: { slug: "ss-orders" } });
    expect([res.status, res.body.error.code]).toEqual([409, "invalid_state"]);
  });
});

describe("archive and restore", () => {
  it("archived: ingest 410, hidden from the list unless asked, out of KPI rankings; restored: back; both audited; ops 403", async () => {
    const created = await create("ss-archive");
    const key = created.body.ingestKey.key as string;
    await markLive(ctx, "ss-archive");
    expect((await ingest("ss-archive", { order: { ...sample.order, id: "A-1" } }, { key })).status).toBe(202);
    expect((await call(r.archive!, { method: "POST", token: tokens.ops, params: { slug: "ss-archive" } })).status).toBe(
      403,
    );

    const archived = await call(r.archive!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "ss-archive" },
      body: { reason: "replaced by v2" },
    });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    const refused = await ingest("ss-archive", { order: { ...sample.order, id: "A-2" } }, { key });
    expect([refused.status, refused.body.error?.code]).toEqual([410, "integration_archived"]);
    expect(
      (await call(r.archive!, { method: "POST", token: tokens.admin, params: { slug: "ss-archive" } })).status,
    ).toBe(409);
    expect((await call(r.pause!, { method: "POST", token: tokens.ops, params: { slug: "ss-archive" } })).status).toBe(
      409,
    );

    const slugs = async (q?: Record<string, string>) =>
      (await call(q ? withQuery(r.list!, q) : r.list!, { token: tokens.manager })).body.items.map(
        (i: { slug: string }) => i.slug,
      );
    expect(await slugs()).not.toContain("ss-archive");
    expect(await slugs()).toContain("ss-orders");
    expect(await slugs({ archived: "true" })).toEqual(expect.arrayContaining(["ss-archive", "ss-orders"]));
    expect(
      (await call(r.get!, { token: tokens.manager, params: { slug: "ss-archive" } })).body.archivedAt,
    ).not.toBeNull();
    const kpis = await getKpis({ ctx, input: {} });
    expect(kpis.ranking.map((x) => x.integration)).not.toContain("ss-archive");
    expect(kpis.ranking.map((x) => x.integration)).toContain("ss-orders");
    expect(await store.db.event.count({ where: { integrationId: created.body.integration.id } })).toBe(1);

    const restored = await call(r.restore!, { method: "POST", token: tokens.admin, params: { slug: "ss-archive" } });
    expect([restored.status, restored.body.archivedAt, restored.body.lifecycle]).toEqual([200, null, "live"]);
    expect((await ingest("ss-archive", { order: { ...sample.order, id: "A-3" } }, { key })).status).toBe(202);
    expect(await slugs()).toContain("ss-archive");
    expect(
      (await call(r.restore!, { method: "POST", token: tokens.admin, params: { slug: "ss-archive" } })).status,
    ).toBe(409);
    const audit = await store.db.auditEntry.findMany({
      where: { objectId: created.body.integration.id, action: { in: ["integration.archive", "integration.restore"] } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ["integration.archive", "admin-self@api.test"],
      ["integration.restore", "admin-self@api.test"],
    ]);
    expect(audit[0]!.reason).toBe("replaced by v2");
  });
});
