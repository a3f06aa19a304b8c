// On-call paging channels (issue 16 item 2): PagerDuty (Events API v2) and
// Opsgenie (Alert API), each played by a local HTTP server. The exact requests
// of each vendor's published API for trigger and resolve (one dedup key /
// alias for both), the keys sealed, masked and kept out of the audit trail,
// job payloads and logs, and the vendors' answers classified (5xx retried,
// 400 not).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { evaluateAlerts } from "@/lib/core/alerts/evaluate";
import type { Ctx } from "@/lib/core/context";
import type { JobOutcome } from "@/lib/core/delivery/process-job";
import { runJob } from "@/lib/core/jobs/registry";
import type { Store } from "@/lib/db/client";
import { createHttpSender } from "@/lib/worker/http-sender";
import { call, tokensByRole, type Handler, type Role } from "./helpers/api";
import { makeRelay, useGlobalStore, type Relay } from "./helpers/pipeline";
import { seedEvent, seedException } from "./helpers/seed";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, testContext } from "./helpers/store";

const ROUTING_KEY = "pdROUTINGsecret012345678abcdWXYZ";
const GENIE_KEY = "0c5e7d1a-9f4b-4d6e-8a2b-GENIEsecret42";
const SECRETS = ["pdROUTINGsecret", "GENIEsecret", "WXYZ", "et42"];

let store: Store;
let ctx: Ctx;
let pagerduty: Sink;
let opsgenie: Sink;
let tokens: Record<Role, string>;
const r = {} as Record<string, Handler>;
const clock = { now: new Date() };
const sender = createHttpSender();

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store, undefined, clock);
  pagerduty = await startSink();
  opsgenie = await startSink();
  pagerduty.fallback = {
    status: 202,
    body: JSON.stringify({ status: "success", message: "Event processed", dedup_key: "x" }),
  };
  opsgenie.fallback = {
    status: 202,
    body: JSON.stringify({ result: "Request will be processed", took: 0.1, requestId: "r" }),
  };
  ({ tokens } = await tokensByRole(store, ctx, "paging"));
  const list = await import("@/app/api/v1/integrations/route");
  const one = await import("@/app/api/v1/integrations/[slug]/route");
  r.create = list.POST;
  r.get = one.GET;
  r.patch = one.PATCH;
});
afterAll(async () => {
  sender.close();
  await pagerduty.close();
  await opsgenie.close();
  await store.close();
});
afterEach(() => vi.restoreAllMocks());

/** Run every due job once, as the worker would, with the vendors' endpoints pointed at the local servers. */
async function drain(): Promise<Record<string, JobOutcome[]>> {
  const jobs = await ctx.repos.dispatch.claim("test-worker", 20, 60_000, clock.now);
  const outcomes: Record<string, JobOutcome[]> = {};
  const paging = { pagerdutyUrl: `${pagerduty.url}/v2/enqueue`, opsgenieUrl: opsgenie.url };
  for (const job of jobs)
    (outcomes[job.kind] ??= []).push(await runJob(ctx, job, { sender, workerId: "test-worker", paging }));
  return outcomes;
}

/** A live relay with both paging channels whose backlog rule (over 1 open exception) fires now. */
async function firingRelay(extra: Record<string, unknown> = {}): Promise<Relay> {
  const relay = await makeRelay(ctx, pagerduty.url, {
    runbook: "1. Check the ERP status page.\n2. Replay the failed records.",
    alertThresholds: {
      backlogMax: 1,
      notify: { pagerdutyRoutingKey: ROUTING_KEY, opsgenieApiKey: GENIE_KEY, opsgenieRegion: "eu", ...extra },
    },
  });
  await ctx.repos.integrations.update(relay.integrationId, { lifecycle: "live", liveAt: clock.now }, clock.now);
  for (let k = 0; k < 2; k++) {
    const e = await seedEvent(store, relay.integrationId, {
      received: clock.now,
      status: "failed",
      completed: clock.now,
    });
    await seedException(store, relay.integrationId, e.id, { opened: clock.now });
  }
  return relay;
}

describe("PagerDuty and Opsgenie receive one incident per alert: triggered when it fires, resolved when it resolves", () => {
  it("sends each vendor's published request shape, with the same dedup key / alias for trigger and resolve", async () => {
    const relay = await firingRelay();
    const warn = vi.spyOn(console, "warn");
    await evaluateAlerts(ctx, { consoleUrl: "https://signalbox.example" });
    const alert = await store.db.alert.findFirstOrThrow({ where: { integrationId: relay.integrationId } });
    // Jobs name the channel: the keys stay sealed in the integration, never in a queued payload.
    const queued = JSON.stringify(await store.db.queueJob.findMany({ where: { kind: "notify" } }));
    for (const s of SECRETS) expect(queued).not.toContain(s);

    expect(await drain()).toEqual({ notify: ["delivered", "delivered"] });
    const key = `signalbox-alert-${alert.id}`;
    const link = `https://signalbox.example/alerts?alert=${alert.id}`;
    const [pdTrigger] = pagerduty.requests;
    expect([pdTrigger!.method, pdTrigger!.url, pdTrigger!.headers["content-type"]]).toEqual([
      "POST",
      "/v2/enqueue",
      "application/json",
    ]);
    expect(pdTrigger!.headers.authorization).toBeUndefined();
    expect(JSON.parse(pdTrigger!.body)).toEqual({
      routing_key: ROUTING_KEY,
      event_action: "trigger",
      dedup_key: key,
      payload: {
        summary: `Relay ${relay.slug}: Exception backlog high. 2 exceptions are open; the limit is 1.`,
        source: relay.slug,
        severity: "warning",
        timestamp: alert.firedAt.toISOString(),
        component: "ERP",
        group: "Shop",
        class: "backlog",
        custom_details: {
          integration: `Relay ${relay.slug}`,
          rule: "Exception backlog high",
          message: "2 exceptions are open; the limit is 1.",
          value: 2,
          threshold: 1,
          firedAt: alert.firedAt.toISOString(),
          runbook: "1. Check the ERP status page.\n2. Replay the failed records.",
          link,
        },
      },
      links: [{ href: link, text: "Open the alert in Signalbox (runbook at hand)" }],
      client: "Signalbox",
      client_url: "https://signalbox.example",
    });

    const [ogCreate] = opsgenie.requests;
    expect([
      ogCreate!.method,
      ogCreate!.url,
      ogCreate!.headers["content-type"],
      ogCreate!.headers.authorization,
    ]).toEqual(["POST", "/v2/alerts", "application/json", `GenieKey ${GENIE_KEY}`]);
    expect(JSON.parse(ogCreate!.body)).toEqual({
      message: `Relay ${relay.slug}: Exception backlog high`,
      alias: key,
      description: [
        "2 exceptions are open; the limit is 1.",
        "",
        `Firing since ${alert.firedAt.toISOString()}.`,
        `Open in Signalbox: ${link}`,
        "",
        "Runbook:",
        "1. Check the ERP status page.\n2. Replay the failed records.",
      ].join("\n"),
      details: {
        integration: relay.slug,
        rule: "backlog",
        value: "2",
        threshold: "1",
        firedAt: alert.firedAt.toISOString(),
        link,
      },
      entity: relay.slug,
      source: "Signalbox",
      priority: "P3",
      tags: ["signalbox", "backlog", relay.slug],
    });

    // The backlog drops to one: the alert resolves, and so do both incidents.
    await store.db.exception.updateMany({
      where: { integrationId: relay.integrationId },
      data: { status: "resolved", resolvedAt: clock.now, openForEventId: null },
    });
    clock.now = new Date(clock.now.getTime() + 60_000);
    await evaluateAlerts(ctx, { consoleUrl: "https://signalbox.example" });
    const resolved = await store.db.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(resolved.status).toBe("resolved");
    expect(await drain()).toEqual({ notify: ["delivered", "delivered"] });
    const pdResolve = pagerduty.requests[1]!;
    expect([pdResolve.method, pdResolve.url]).toEqual(["POST", "/v2/enqueue"]);
    expect(JSON.parse(pdResolve.body)).toEqual({ routing_key: ROUTING_KEY, event_action: "resolve", dedup_key: key });
    const ogClose = opsgenie.requests[1]!;
    expect([ogClose.method, ogClose.url, ogClose.headers.authorization, ogClose.headers["content-type"]]).toEqual([
      "POST",
      `/v2/alerts/${key}/close?identifierType=alias`,
      `GenieKey ${GENIE_KEY}`,
      "application/json",
    ]);
    expect(JSON.parse(ogClose.body)).toEqual({
      source: "Signalbox",
      note: `Resolved in Signalbox at ${resolved.resolvedAt!.toISOString()}.`,
    });
    for (const s of SECRETS) expect(JSON.stringify(warn.mock.calls)).not.toContain(s);
  });

  it("retries a 5xx or 429 on the notification ladder; a 400 fails once, logged without the key", async () => {
    pagerduty.requests.length = 0;
    opsgenie.requests.length = 0;
    const relay = await firingRelay();
    clock.now = new Date(clock.now.getTime() + 60_000);
    await evaluateAlerts(ctx, { consoleUrl: null });
    pagerduty.script({ status: 503, body: "{}" });
    opsgenie.script({ status: 429, body: "{}" });
    expect(await drain()).toEqual({ notify: ["retry_scheduled", "retry_scheduled"] });
    expect(await store.db.queueJob.count({ where: { kind: "notify" } })).toBe(2);
    clock.now = new Date(clock.now.getTime() + 60_000);
    expect(await drain()).toEqual({ notify: ["delivered", "delivered"] });
    expect([pagerduty.requests.length, opsgenie.requests.length]).toEqual([2, 2]);
    // The retry is the same event: same dedup key.
    expect(JSON.parse(pagerduty.requests[1]!.body).dedup_key).toBe(JSON.parse(pagerduty.requests[0]!.body).dedup_key);
    // Without a console URL there is no link and no client_url.
    const trigger = JSON.parse(pagerduty.requests[1]!.body);
    expect([trigger.links, trigger.client_url, trigger.payload.custom_details.link]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);

    // Resolve, answered 400 by both: permanent, not retried, one warning each without the key.
    await store.db.exception.updateMany({
      where: { integrationId: relay.integrationId },
      data: { status: "resolved", resolvedAt: clock.now, openForEventId: null },
    });
    clock.now = new Date(clock.now.getTime() + 60_000);
    await evaluateAlerts(ctx, { consoleUrl: null });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    pagerduty.script({
      status: 400,
      body: JSON.stringify({ status: "invalid event", message: "Event object is invalid" }),
    });
    opsgenie.script({ status: 400, body: JSON.stringify({ message: "Request body is not processable" }) });
    expect(await drain()).toEqual({ notify: ["failed", "failed"] });
    expect(await store.db.queueJob.count({ where: { kind: "notify" } })).toBe(0);
    expect(warn).toHaveBeenCalledTimes(2);
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain("HTTP 400");
    for (const s of SECRETS) expect(logged).not.toContain(s);
  });
});

describe("a trigger never arrives after its resolve", () => {
  it("a trigger still waiting for a retry when its alert resolves is dropped; the resolve is sent", async () => {
    pagerduty.requests.length = 0;
    opsgenie.requests.length = 0;
    const relay = await firingRelay();
    clock.now = new Date(clock.now.getTime() + 60_000);
    await evaluateAlerts(ctx, { consoleUrl: null });
    pagerduty.script({ status: 502, body: "{}" });
    opsgenie.script({ status: 500, body: "{}" });
    expect(await drain()).toEqual({ notify: ["retry_scheduled", "retry_scheduled"] });
    await store.db.exception.updateMany({
      where: { integrationId: relay.integrationId },
      data: { status: "resolved", resolvedAt: clock.now, openForEventId: null },
    });
    clock.now = new Date(clock.now.getTime() + 60_000);
    await evaluateAlerts(ctx, { consoleUrl: null });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    // (the claim's order is the store's: compare sorted)
    expect((await drain()).notify!.sort()).toEqual(["delivered", "delivered", "dropped", "dropped"]);
    expect(pagerduty.requests.map((q) => JSON.parse(q.body).event_action)).toEqual(["trigger", "resolve"]);
    expect(opsgenie.requests.map((q) => q.url.split("?")[0]!.endsWith("/close"))).toEqual([false, true]);
    expect(await store.db.queueJob.count({ where: { kind: "notify" } })).toBe(0);
  });
});

describe("the routing key and the API key are credentials: sealed, write-only, masked, never audited", () => {
  const row = (slug: string) => store.db.integration.findUniqueOrThrow({ where: { slug } });
  const patch = (slug: string, body: Record<string, unknown>) =>
    call(r.patch!, { method: "PATCH", token: tokens.admin, params: { slug }, body });
  const notifyOf = async (slug: string) =>
    ((await ctx.repos.integrations.findBySlug(slug))!.alertThresholds as { notify: unknown }).notify;

  it("create: sealed in the row, masked in answers (last characters for admins and ops only), absent from the audit", async () => {
    const res = await call(r.create!, {
      method: "POST",
      token: tokens.admin,
      body: {
        slug: "paging-keys",
        name: "Paging keys",
        mode: "relay",
        sourceSystem: "Shop",
        targetSystem: "ERP",
        destination: { url: "https://erp.example/orders" },
        alertThresholds: {
          backlogMax: 5,
          notify: { pagerdutyRoutingKey: ROUTING_KEY, opsgenieApiKey: GENIE_KEY, opsgenieRegion: "eu" },
        },
      },
    });
    expect(res.status).toBe(201);
    const masked = { pagerdutyRoutingKey: "••••WXYZ", opsgenieApiKey: "••••et42", opsgenieRegion: "eu" };
    expect(res.body.integration.alertThresholds.notify).toEqual(masked);
    const raw = JSON.stringify(await row("paging-keys"));
    for (const s of SECRETS.slice(0, 2)) expect(raw).not.toContain(s);
    for (const role of ["admin", "ops"] as const)
      expect(
        (await call(r.get!, { token: tokens[role], params: { slug: "paging-keys" } })).body.alertThresholds.notify,
      ).toEqual(masked);
    expect(
      (await call(r.get!, { token: tokens.manager, params: { slug: "paging-keys" } })).body.alertThresholds.notify,
    ).toEqual({ pagerdutyRoutingKey: "••••", opsgenieApiKey: "••••", opsgenieRegion: "eu" });
    expect(await notifyOf("paging-keys")).toEqual({
      pagerdutyRoutingKey: ROUTING_KEY,
      opsgenieApiKey: GENIE_KEY,
      opsgenieRegion: "eu",
    });

    // The mask sent back keeps a key; a new key replaces it; leaving it out removes it.
    expect(
      (
        await patch("paging-keys", {
          alertThresholds: {
            backlogMax: 3,
            notify: { pagerdutyRoutingKey: "••••WXYZ", opsgenieApiKey: "••••et42", opsgenieRegion: "us" },
          },
        })
      ).status,
    ).toBe(200);
    expect(await notifyOf("paging-keys")).toEqual({
      pagerdutyRoutingKey: ROUTING_KEY,
      opsgenieApiKey: GENIE_KEY,
      opsgenieRegion: "us",
    });
    const next = "pdNEWROUTINGkey0123456789abcdQRST";
    const replaced = await patch("paging-keys", {
      alertThresholds: { backlogMax: 3, notify: { pagerdutyRoutingKey: next } },
    });
    expect([replaced.status, replaced.body.alertThresholds.notify]).toEqual([200, { pagerdutyRoutingKey: "••••QRST" }]);
    expect(await notifyOf("paging-keys")).toEqual({ pagerdutyRoutingKey: next });
    expect(JSON.stringify(await row("paging-keys"))).not.toContain("pdNEWROUTING");

    const refused = await patch("paging-keys", {
      alertThresholds: { backlogMax: 3, notify: { opsgenieApiKey: "••••" } },
    });
    expect([refused.status, refused.body.error.code, refused.body.error.details[0].path]).toEqual([
      400,
      "invalid_input",
      "/alertThresholds/notify/opsgenieApiKey",
    ]);
    const bad = await patch("paging-keys", {
      alertThresholds: { backlogMax: 3, notify: { pagerdutyRoutingKey: "has spaces in it", opsgenieRegion: "mars" } },
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, "invalid_input"]);

    const audit = JSON.stringify(await store.db.auditEntry.findMany({ where: { objectId: res.body.integration.id } }));
    expect(audit).toContain("integration.update");
    for (const s of [...SECRETS, "pdNEWROUTING", "QRST"]) expect(audit).not.toContain(s);
  });
});
