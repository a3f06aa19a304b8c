// The audit webhook: set by an admin (URL sealed, write-only, masked; secret shown once), every new audit entry
// forwarded as a queued job committed with the entry, signed per Standard Webhooks (checked with the
// `standardwebhooks` package itself), a 503 retried, and the URL and secret never in audit entries, jobs, logs or
// API answers. Without a webhook no job is queued and the setting is read from a per-process cache.
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as tokenRoutes from "@/app/api/v1/tokens/route";
import * as auditRoutes from "@/app/api/v1/audit/route";
import * as routes from "@/app/api/v1/settings/audit-webhook/route";
import type { Ctx } from "@/lib/core/context";
import type { JobOutcome } from "@/lib/core/delivery/process-job";
import { runJob } from "@/lib/core/jobs/registry";
import type { Store } from "@/lib/db/client";
import { createHttpSender } from "@/lib/worker/http-sender";
import { call, tokensByRole, type Handler, type Role } from "./helpers/api";
import { useGlobalStore } from "./helpers/pipeline";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let sink: Sink;
let tokens: Record<Role, string>;
const sender = createHttpSender();
const clock = { now: new Date() };
const sql: string[] = [];
const logs: string[] = [];
let hookUrl: string;
let secret: string;

const GET = routes.GET as Handler;
const POST = routes.POST as Handler;
const DELETE = routes.DELETE as Handler;

/** Run every due job once, as the worker would, at `at` (now by default). */
async function drain(at = new Date()): Promise<JobOutcome[]> {
  clock.now = at;
  const jobs = await ctx.repos.dispatch.claim("test-worker", 50, 60_000, clock.now);
  const out: JobOutcome[] = [];
  for (const job of jobs) out.push(await runJob(ctx, job, { sender, workerId: "test-worker" }));
  return out;
}
const createToken = (name: string) =>
  call(tokenRoutes.POST as Handler, { method: "POST", token: tokens.ops, body: { name } });
const verify = (body: string, headers: Record<string, unknown>) =>
  new Webhook(secret).verify(body, headers as Record<string, string>) as { type: string; data: { id: string } };

beforeAll(async () => {
  store = await freshStore({ onQuery: (query) => sql.push(query) });
  useGlobalStore(store);
  ctx = testContext(store, undefined, clock);
  ({ tokens } = await tokensByRole(store, ctx, "hook"));
  sink = await startSink();
  hookUrl = `${sink.url}/siem/ingest?token=siem-credential-XyZ9`;
  for (const level of ["log", "info", "warn", "error"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(" ")));
});
afterAll(async () => {
  vi.restoreAllMocks();
  sender.close();
  await sink.close();
  await store.close();
});

describe("audit webhook", () => {
  it("is admin only: ops and manager 403, no credentials 401", async () => {
    for (const role of ["ops", "manager"] as const) {
      expect((await call(GET, { token: tokens[role] })).status).toBe(403);
      const set = await call(POST, { method: "POST", token: tokens[role], body: { url: hookUrl } });
      expect(set.status).toBe(403);
      expect(set.body.error.code).toBe("forbidden");
      expect((await call(DELETE, { method: "DELETE", token: tokens[role] })).status).toBe(403);
    }
    expect((await call(GET)).status).toBe(401);
    expect((await call(GET, { token: tokens.admin })).body).toEqual({
      configured: false,
      url: null,
      allowPrivateNetwork: false,
      updatedAt: null,
    });
  });

  it("without a webhook queues nothing, and reads the setting once, not per entry", async () => {
    await createToken("warm the cache");
    sql.length = 0;
    for (let i = 0; i < 4; i++) expect((await createToken(`no hook ${i}`)).status).toBe(201);
    expect(await store.db.queueJob.count({ where: { kind: "audit_webhook" } })).toBe(0);
    expect(sql.filter((q) => /\bSetting\b/.test(q))).toEqual([]);
  });

  it("refuses a private address unless allowed, a non-http URL, and a mask with nothing stored", async () => {
    const refused = await call(POST, { method: "POST", token: tokens.admin, body: { url: hookUrl } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "private_destination", details: [{ path: "/url" }] });
    const ftp = await call(POST, { method: "POST", token: tokens.admin, body: { url: "ftp://siem.example/x" } });
    expect(ftp.status).toBe(400);
    const mask = await call(POST, { method: "POST", token: tokens.admin, body: { url: "••••" } });
    expect(mask.status).toBe(400);
    expect(mask.body.error.details[0].path).toBe("/url");
  });

  it("set by an admin: the secret shown once, the URL masked; every new entry forwarded, signed", async () => {
    const set = await call(POST, {
      method: "POST",
      token: tokens.admin,
      body: { url: hookUrl, allowPrivateNetwork: true },
    });
    expect(set.status).toBe(200);
    secret = set.body.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(set.body.webhook).toMatchObject({ configured: true, url: "••••XyZ9", allowPrivateNetwork: true });
    const read = await call(GET, { token: tokens.admin });
    expect(read.body).toEqual(set.body.webhook);

    // The entry and its job were committed together; the job names the entry only.
    const setEntry = await store.db.auditEntry.findFirstOrThrow({ where: { action: "settings.audit_webhook_set" } });
    expect((await createToken("with hook")).status).toBe(201);
    const tokenEntry = await store.db.auditEntry.findFirstOrThrow({
      where: { action: "token.create" },
      orderBy: [{ at: "desc" }, { id: "desc" }],
    });
    const jobs = await store.db.queueJob.findMany({ where: { kind: "audit_webhook" } });
    expect(jobs.map((j) => j.payload).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      [{ entryId: setEntry.id }, { entryId: tokenEntry.id }].sort((a, b) => a.entryId.localeCompare(b.entryId)),
    );

    expect(await drain()).toEqual(["delivered", "delivered"]);
    expect(sink.requests.map((r) => r.url)).toEqual(["/siem/ingest?token=siem-credential-XyZ9", expect.any(String)]);
    const list = await call(auditRoutes.GET as Handler, { token: tokens.admin, query: { limit: "200" } });
    for (const request of sink.requests) {
      const payload = verify(request.body, request.headers);
      expect(request.headers["webhook-id"]).toBe(payload.data.id);
      expect(payload.type).toBe("audit.entry");
      expect(payload.data).toEqual(list.body.items.find((i: { id: string }) => i.id === payload.data.id));
    }
    expect(sink.requests.map((r) => r.headers["webhook-id"]).sort()).toEqual([setEntry.id, tokenEntry.id].sort());
    // A wrong secret or a changed body does not verify.
    const [first] = sink.requests;
    expect(() =>
      new Webhook("whsec_" + Buffer.from("x".repeat(32)).toString("base64")).verify(
        first!.body,
        first!.headers as Record<string, string>,
      ),
    ).toThrow();
    expect(() => verify(first!.body.replace("audit.entry", "audit.entrx"), first!.headers)).toThrow();
  });

  it("retries a 503 from the receiver, with the same webhook-id and a fresh signature", async () => {
    sink.requests.length = 0;
    sink.script({ status: 503 });
    expect((await createToken("receiver down")).status).toBe(201);
    expect(await drain()).toEqual(["retry_scheduled"]);
    const job = await store.db.queueJob.findFirstOrThrow({ where: { kind: "audit_webhook" } });
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 5_000);
    expect(await drain()).toEqual([]);
    expect(await drain(new Date(job.runAt.getTime() + 1))).toEqual(["delivered"]);
    expect(sink.requests).toHaveLength(2);
    const [a, b] = sink.requests;
    expect(a!.headers["webhook-id"]).toBe(b!.headers["webhook-id"]);
    expect(verify(b!.body, b!.headers).data.id).toBe(b!.headers["webhook-id"]);
    expect(await store.db.queueJob.count({ where: { kind: "audit_webhook" } })).toBe(0);
  });

  it("keeps the URL with the mask sent back (a new secret), and removing it stops forwarding", async () => {
    const kept = await call(POST, {
      method: "POST",
      token: tokens.admin,
      body: { url: "••••XyZ9", allowPrivateNetwork: true },
    });
    expect(kept.status).toBe(200);
    expect(kept.body.secret).not.toBe(secret);
    secret = kept.body.secret;
    sink.requests.length = 0;
    expect(await drain()).toEqual(["delivered"]);
    expect(verify(sink.requests[0]!.body, sink.requests[0]!.headers).type).toBe("audit.entry");

    expect((await createToken("queued before removal")).status).toBe(201);
    const removed = await call(DELETE, { method: "DELETE", token: tokens.admin });
    expect(removed.status).toBe(200);
    expect(removed.body.configured).toBe(false);
    expect((await call(DELETE, { method: "DELETE", token: tokens.admin })).status).toBe(404);
    // The removal's own entry was written with the webhook gone: only the job queued before it remains, and is dropped.
    expect(await drain()).toEqual(["dropped"]);
    expect(await store.db.queueJob.count({ where: { kind: "audit_webhook" } })).toBe(0);
  });

  it("never lets the URL or the secret into the store in clear, audit entries, jobs, logs or answers", async () => {
    const secrets = [hookUrl, "siem-credential-XyZ9", secret, secret.slice(6)];
    const settingRows = JSON.stringify(await store.db.setting.findMany());
    const entries = JSON.stringify(await store.db.auditEntry.findMany());
    const audit = await call(auditRoutes.GET as Handler, { token: tokens.admin, query: { limit: "200" } });
    const read = await call(GET, { token: tokens.admin });
    for (const s of secrets) {
      expect(entries).not.toContain(s);
      expect(JSON.stringify(audit.body)).not.toContain(s);
      expect(JSON.stringify(read.body)).not.toContain(s);
      expect(logs.join("\n")).not.toContain(s);
      expect(settingRows).not.toContain(s);
    }
    const set = await store.db.auditEntry.findFirstOrThrow({ where: { action: "settings.audit_webhook_set" } });
    expect(set.after).toEqual({ configured: true, url: "••••", allowPrivateNetwork: true });
    expect(logs.some((l) => l.includes("not forwarded: no audit webhook is set"))).toBe(true);
  });
});
