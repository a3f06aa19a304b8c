// Issue 11 items 5 and 10, through the route handlers on a real store:
// notification URLs (the integration's notification webhook, the alert
// channels) sealed at rest, masked and write-only, kept out of the audit trail
// and out of job payloads; private targets in any spelling refused when saved;
// and an error thrown while sending recorded as a failed attempt with an
// exception instead of a job retried every lease.
import dns from "node:dns/promises";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAddress } from "@/lib/core/security/ssrf";
import type { Ctx } from "@/lib/core/context";
import type { Store } from "@/lib/db/client";
import type { WorkerHandle } from "@/lib/worker/run";
import { call, tokensByRole, type Handler, type Role } from "./helpers/api";
import { eventually, ingest, makeRelay, order, startWorker, useGlobalStore, waitForEvent } from "./helpers/pipeline";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let sink: Sink;
let tokens: Record<Role, string>;
const r = {} as Record<string, Handler>;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  sink = await startSink();
  ({ tokens } = await tokensByRole(store, ctx, "sec"));
  const list = await import("@/app/api/v1/integrations/route");
  const one = await import("@/app/api/v1/integrations/[slug]/route");
  r.list = list.GET;
  r.create = list.POST;
  r.get = one.GET;
  r.patch = one.PATCH;
});
afterAll(async () => {
  await sink?.close();
  await store.close();
});

const HOOK = "https://hooks.slack.com/services/T0/B0/secretTOKEN1234";
const GENERIC = "https://hooks.example/generic-SECRETwxyz";
const SLACK = "https://hooks.slack.com/services/T1/B1/slackSECRET9876";
const SECRETS = ["secretTOKEN", "SECRETwxyz", "slackSECRET"];

function create(slug: string, extra: Record<string, unknown> = {}) {
  return call(r.create!, {
    method: "POST",
    token: tokens.admin,
    body: {
      slug,
      name: `Sec ${slug}`,
      mode: "relay",
      sourceSystem: "Shop",
      targetSystem: "ERP",
      destination: { url: "https://erp.example/orders" },
      ...extra,
    },
  });
}
const row = (slug: string) => store.db.integration.findUniqueOrThrow({ where: { slug } });
const patch = (slug: string, body: Record<string, unknown>, role: Role = "admin") =>
  call(r.patch!, { method: "PATCH", token: tokens[role], params: { slug }, body });
const stored = async (slug: string) => (await ctx.repos.integrations.findBySlug(slug))!;

describe("notification URLs are sealed at rest, masked and write-only", () => {
  it("create: sealed in the row, masked in every answer (last characters for admins and ops, never for managers), absent from the audit", async () => {
    const res = await create("sec-notify", {
      notificationWebhook: HOOK,
      alertThresholds: { backlogMax: 5, notify: { webhookUrl: GENERIC, slackUrl: SLACK } },
    });
    expect(res.status).toBe(201);
    expect(res.body.integration.notificationWebhook).toBe("••••1234");
    expect(res.body.integration.alertThresholds.notify).toEqual({ webhookUrl: "••••wxyz", slackUrl: "••••9876" });
    const raw = JSON.stringify(await row("sec-notify"));
    for (const s of SECRETS) expect(raw).not.toContain(s);

    for (const role of ["admin", "ops"] as const) {
      const one = await call(r.get!, { token: tokens[role], params: { slug: "sec-notify" } });
      expect([one.body.notificationWebhook, one.body.alertThresholds.notify.slackUrl]).toEqual([
        "••••1234",
        "••••9876",
      ]);
    }
    const asManager = await call(r.get!, { token: tokens.manager, params: { slug: "sec-notify" } });
    expect([asManager.body.notificationWebhook, asManager.body.alertThresholds.notify]).toEqual([
      "••••",
      { webhookUrl: "••••", slackUrl: "••••" },
    ]);
    const listed = JSON.stringify((await call(r.list!, { token: tokens.manager })).body);
    for (const s of [...SECRETS, "1234", "wxyz", "9876"]) expect(listed).not.toContain(s);

    const audit = await store.db.auditEntry.findMany({ where: { objectId: res.body.integration.id } });
    expect(audit.map((a) => a.action)).toEqual(["integration.create"]);
    for (const s of [...SECRETS, "1234", "wxyz", "9876"]) expect(JSON.stringify(audit)).not.toContain(s);

    const opened = await stored("sec-notify");
    expect(opened.notificationWebhook).toBe(HOOK);
    expect((opened.alertThresholds as { notify: unknown }).notify).toEqual({ webhookUrl: GENERIC, slackUrl: SLACK });
  });

  it("a PATCH without the field keeps it, the mask sent back keeps it, a new URL replaces it, null removes it; updates are audited without the URLs", async () => {
    expect((await patch("sec-notify", { slaMinutes: 30 })).status).toBe(200);
    expect((await stored("sec-notify")).notificationWebhook).toBe(HOOK);

    const masked = await patch("sec-notify", {
      notificationWebhook: "••••1234",
      alertThresholds: { backlogMax: 3, notify: { webhookUrl: "••••wxyz", slackUrl: "••••" } },
    });
    expect(masked.status).toBe(200);
    const kept = await stored("sec-notify");
    expect([kept.notificationWebhook, (kept.alertThresholds as { backlogMax: number }).backlogMax]).toEqual([HOOK, 3]);
    expect((kept.alertThresholds as { notify: unknown }).notify).toEqual({ webhookUrl: GENERIC, slackUrl: SLACK });

    const next = "https://hooks.slack.com/services/T9/B9/replacedNEW5678";
    const replaced = await patch("sec-notify", {
      notificationWebhook: next,
      alertThresholds: { backlogMax: 3, notify: { webhookUrl: "••••wxyz" } },
    });
    expect([replaced.status, replaced.body.notificationWebhook, replaced.body.alertThresholds.notify]).toEqual([
      200,
      "••••5678",
      { webhookUrl: "••••wxyz" },
    ]);
    expect((await stored("sec-notify")).notificationWebhook).toBe(next);
    expect(JSON.stringify(await row("sec-notify"))).not.toContain("replacedNEW");

    const removed = await patch("sec-notify", { notificationWebhook: null });
    expect([removed.status, removed.body.notificationWebhook]).toEqual([200, null]);
    const refused = await patch("sec-notify", { notificationWebhook: "••••" });
    expect([refused.status, refused.body.error.code, refused.body.error.details[0].path]).toEqual([
      400,
      "invalid_input",
      "/notificationWebhook",
    ]);

    const audit = JSON.stringify(await store.db.auditEntry.findMany({ where: { action: "integration.update" } }));
    for (const s of [...SECRETS, "replacedNEW", "1234", "5678", "wxyz"]) expect(audit).not.toContain(s);
  });

  it("managers and ops cannot change them (403)", async () => {
    for (const role of ["manager", "ops"] as const)
      expect((await patch("sec-notify", { notificationWebhook: HOOK }, role)).status).toBe(403);
  });

  it("URLs stored in the clear before sealing are kept and sealed in place when first read", async () => {
    await create("sec-legacy");
    await store.db.integration.update({
      where: { slug: "sec-legacy" },
      data: {
        notificationWebhook: "https://hooks.example/legacy-PLAIN",
        alertThresholds: { backlogMax: 1, notify: { slackUrl: "https://hooks.example/legacy-ALERT" } },
      },
    });
    const view = await call(r.get!, { token: tokens.admin, params: { slug: "sec-legacy" } });
    expect([view.body.notificationWebhook, view.body.alertThresholds.notify.slackUrl]).toEqual([
      "••••LAIN",
      "••••LERT",
    ]);
    const raw = JSON.stringify(await row("sec-legacy"));
    expect(raw).not.toContain("legacy-PLAIN");
    expect(raw).not.toContain("legacy-ALERT");
    const opened = await stored("sec-legacy");
    expect([
      opened.notificationWebhook,
      (opened.alertThresholds as { notify: { slackUrl: string } }).notify.slackUrl,
    ]).toEqual(["https://hooks.example/legacy-PLAIN", "https://hooks.example/legacy-ALERT"]);
  });
});

describe("private targets refused when saved, in any spelling (422 private_destination)", () => {
  it.each([
    ["http://[::127.0.0.1]/x", false],
    ["http://[64:ff9b::7f00:1]/x", false],
    ["http://[2002:c0a8:101::1]/x", false],
    ["http://3232235777/x", false],
    ["http://api.localhost/x", false],
    ["http://[64:ff9b::a9fe:a9fe]/x", true],
    ["http://[::808:808]/x", true],
  ])("create with destination %s (private targets allowed: %s)", async (url, allowPrivateNetwork) => {
    const res = await create(`sec-d-${Math.random().toString(36).slice(2, 8)}`, {
      destination: { url, allowPrivateNetwork },
    });
    expect([res.status, res.body.error?.code, res.body.error?.details?.[0]?.path]).toEqual([
      422,
      "private_destination",
      "/destination/url",
    ]);
  });

  it("notification and alert channel URLs on create and patch; nothing changes", async () => {
    const made = await create("sec-nw", { notificationWebhook: "http://2130706433/hook" });
    expect([made.status, made.body.error.code, made.body.error.details[0].path]).toEqual([
      422,
      "private_destination",
      "/notificationWebhook",
    ]);
    const alert = await create("sec-nw", {
      alertThresholds: { backlogMax: 1, notify: { webhookUrl: "http://[::ffff:a9fe:a9fe]/" } },
    });
    expect([alert.status, alert.body.error.code, alert.body.error.details[0].path]).toEqual([
      422,
      "private_destination",
      "/alertThresholds/notify/webhookUrl",
    ]);
    expect((await create("sec-nw", { notificationWebhook: HOOK })).status).toBe(201);

    for (const [body, path] of [
      [
        { alertThresholds: { backlogMax: 1, notify: { slackUrl: "http://foo.localhost/x" } } },
        "/alertThresholds/notify/slackUrl",
      ],
      [
        { alertThresholds: { backlogMax: 1, notify: { webhookUrl: "http://[64:ff9b::10.0.0.1]/" } } },
        "/alertThresholds/notify/webhookUrl",
      ],
      [{ notificationWebhook: "http://0x7f.1/" }, "/notificationWebhook"],
      [{ notificationWebhook: "http://[fe80::1]/" }, "/notificationWebhook"],
    ] as const) {
      const res = await patch("sec-nw", body);
      expect([res.status, res.body.error?.code, res.body.error?.details?.[0]?.path]).toEqual([
        422,
        "private_destination",
        path,
      ]);
    }
    expect((await stored("sec-nw")).notificationWebhook).toBe(HOOK);
    expect((await stored("sec-nw")).alertThresholds).toBeNull();
  });

  it("allowed when the integration allows private targets (metadata never)", async () => {
    const ok = await patch("sec-nw", {
      destination: { url: "http://10.0.0.9/x", allowPrivateNetwork: true },
      notificationWebhook: "http://[::ffff:10.0.0.9]/hook",
    });
    expect(ok.status).toBe(200);
    const metadata = await patch("sec-nw", { notificationWebhook: "http://0xa9fea9fe/" });
    expect([metadata.status, metadata.body.error.code]).toEqual([422, "private_destination"]);
  });
});

describe("a name that resolves to a private address is refused when saved too (API.md §2)", () => {
  it("the machine's own host name (it resolves to a loopback or private address) on create and patch", async () => {
    const host = os.hostname();
    const addresses = (await dns.lookup(host, { all: true })).map((a) => a.address);
    expect(addresses.length, `${host} resolves`).toBeGreaterThan(0);
    expect(
      addresses.every((a) => !checkAddress(a, false).ok),
      `${host} → ${addresses.join(", ")} is not public`,
    ).toBe(true);

    const made = await create("sec-dns", { destination: { url: `http://${host}:9/orders` } });
    expect([made.status, made.body.error?.code, made.body.error?.details?.[0]?.path]).toEqual([
      422,
      "private_destination",
      "/destination/url",
    ]);
    expect(made.body.error.details[0].message).toContain(`${host} resolves to`);

    expect((await create("sec-dns")).status).toBe(201);
    const hook = await patch("sec-dns", { notificationWebhook: `http://${host}/hook` });
    expect([hook.status, hook.body.error?.code, hook.body.error?.details?.[0]?.path]).toEqual([
      422,
      "private_destination",
      "/notificationWebhook",
    ]);
    const allowed = await patch("sec-dns", {
      destination: { url: `http://${host}:9/orders`, allowPrivateNetwork: true },
      notificationWebhook: `http://${host}/hook`,
    });
    expect(allowed.status).toBe(200);
  });

  it("a name that does not resolve (yet) is saved: the sender checks it at every send", async () => {
    const res = await create("sec-nxdomain", { destination: { url: "https://erp.invalid/orders" } });
    expect(res.status).toBe(201);
  });
});

describe("an error thrown while sending", () => {
  let worker: WorkerHandle;
  afterAll(async () => worker?.stop());

  it("is recorded as a failed attempt with an exception; the job is not left to be retried every lease", async () => {
    const relay = await makeRelay(ctx, sink.url);
    // A value the save-time check refuses, written straight into the store (as older versions allowed):
    // node's HTTP client throws on it before anything is sent.
    await store.db.integration.update({
      where: { id: relay.integrationId },
      data: {
        destination: {
          url: `${sink.url}/orders`,
          method: "POST",
          headers: { "X-Tenant": "acme\r\nX-Evil: 1" },
          timeoutMs: 2_000,
          allowPrivateNetwork: true,
        },
      },
    });
    worker = await startWorker(ctx, store, { leaseMs: 1_000 });
    const res = await ingest(relay.slug, order("THROW-1"), { key: relay.key });
    expect(res.status).toBe(202);
    const event = await waitForEvent(ctx, res.body.id!, (e) => e.status === "failed", 8_000);
    expect(event.attempts).toBe(1);
    const stages = await store.db.stageRun.findMany({ where: { eventId: event.id, stage: "delivered" } });
    expect(stages).toHaveLength(1);
    expect(stages[0]!.status).toBe("failed");
    expect(stages[0]!.errorCategory).toBe("permanent");
    expect(stages[0]!.error).toMatch(/header/i);
    const exception = await eventually(() =>
      store.db.exception.findFirst({ where: { eventId: event.id, status: "open" } }),
    );
    expect([exception.category, exception.reason]).toEqual(["permanent", "send_error"]);
    expect(await store.db.queueJob.count({ where: { eventId: event.id } })).toBe(0);
    expect(sink.requests.some((q) => q.url === "/orders" && q.body.includes("THROW-1"))).toBe(false);
  });
});
