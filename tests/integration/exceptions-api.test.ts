// The exception queue's API (API.md §4) through the route handlers, for each
// role, with real deliveries where an action sends something.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { escalateOverdue } from "@/lib/core/exceptions/escalate";
import type { Store } from "@/lib/db/client";
import { configChanged } from "@/lib/db/config-cache";
import type { WorkerHandle } from "@/lib/worker/run";
import { call, tokensByRole, type Handler, type Role } from "./helpers/api";
import {
  eventually,
  ingest,
  makeRelay,
  order,
  startWorker,
  useGlobalStore,
  waitForEvent,
  type Relay,
} from "./helpers/pipeline";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let sink: Sink;
let worker: WorkerHandle;
let relay: Relay;
let tokens: Record<Role, string>;
let ids: Record<Role, string>;
const r = {} as Record<string, Handler>;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  sink = await startSink();
  ({ tokens, ids } = await tokensByRole(store, ctx, "exc"));
  relay = await makeRelay(ctx, sink.url, { rateLimit: { perSecond: 1000, burst: 1000 }, owners: { triage: ids.ops } });
  worker = await startWorker(ctx, store);
  r.list = (await import("@/app/api/v1/exceptions/route")).GET;
  r.groups = (await import("@/app/api/v1/exceptions/groups/route")).GET;
  r.one = (await import("@/app/api/v1/exceptions/[id]/route")).GET;
  r.assign = (await import("@/app/api/v1/exceptions/[id]/assign/route")).POST;
  r.retry = (await import("@/app/api/v1/exceptions/[id]/retry/route")).POST;
  r.rerun = (await import("@/app/api/v1/exceptions/[id]/rerun/route")).POST;
  r.replay = (await import("@/app/api/v1/exceptions/[id]/replay/route")).POST;
  r.resolve = (await import("@/app/api/v1/exceptions/[id]/resolve/route")).POST;
  r.discard = (await import("@/app/api/v1/exceptions/[id]/discard/route")).POST;
  r.bulk = (await import("@/app/api/v1/exceptions/bulk/route")).POST;
  r.preview = (await import("@/app/api/v1/exceptions/bulk/preview/route")).POST;
  r.job = (await import("@/app/api/v1/jobs/[id]/route")).GET;
  r.cancel = (await import("@/app/api/v1/jobs/[id]/cancel/route")).POST;
  r.event = (await import("@/app/api/v1/events/[id]/route")).GET;
  r.redeliver = (await import("@/app/api/v1/events/[id]/redeliver/route")).POST;
});
afterAll(async () => {
  await worker.stop();
  await sink.close();
  await store.close();
});

/** A rejected event (contract violation) and its open exception, through the real ingest path. */
async function rejected(id: string) {
  const res = await ingest(relay.slug, { order: { id, version: 1, total: -5 } }, { key: relay.key });
  const exception = await ctx.repos.exceptions.findOpenForEvent(res.body.id!);
  return { eventId: res.body.id!, exceptionId: exception!.id };
}

/** A permanently failed delivery (the sink answers 404 once) and its open exception. */
async function failed(id: string) {
  sink.script({ status: 404, body: '{"error":"unknown customer"}' });
  const res = await ingest(relay.slug, order(id), { key: relay.key });
  await waitForEvent(ctx, res.body.id!, (e) => e.status === "failed");
  const exception = await ctx.repos.exceptions.findOpenForEvent(res.body.id!);
  return { eventId: res.body.id!, exceptionId: exception!.id };
}

describe("exception queue API", () => {
  it("lists and groups open exceptions; filters by assignee, integration, category, SLA and group", async () => {
    await rejected("Q-1");
    await rejected("Q-2");
    const f = await failed("Q-3");
    const all = await call(r.list!, { token: tokens.manager });
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(3);
    const item = all.body.items.find((x: { id: string }) => x.id === f.exceptionId);
    expect(item).toMatchObject({
      integration: relay.slug,
      category: "permanent",
      reason: "http_404",
      status: "open",
      assignee: ids.ops,
      event: { status: "failed" },
    });
    const groups = await call(r.groups!, { token: tokens.ops });
    const validation = groups.body.items.find((g: { category: string }) => g.category === "validation");
    expect(validation.count).toBeGreaterThanOrEqual(2);
    const inGroup = await call(r.list!, { token: tokens.ops, params: {}, method: "GET" });
    expect(inGroup.status).toBe(200);
    const byGroup = await call(listWith({ group: validation.group }), { token: tokens.ops });
    expect(byGroup.body.items.every((x: { category: string }) => x.category === "validation")).toBe(true);
    expect(
      (await call(listWith({ category: "permanent" }), { token: tokens.ops })).body.items.map(
        (x: { id: string }) => x.id,
      ),
    ).toContain(f.exceptionId);
    expect((await call(listWith({ assignee: "me" }), { token: tokens.ops })).body.items.length).toBeGreaterThanOrEqual(
      3,
    );
    expect((await call(listWith({ assignee: "none" }), { token: tokens.ops })).body.items).toEqual([]);
    expect((await call(listWith({ pastSla: "true" }), { token: tokens.ops })).body.items).toEqual([]);
    expect((await call(listWith({ status: "resolved" }), { token: tokens.ops })).status).toBe(200);
  });

  it("GET one exception by id (any reader, open or closed); a missing id is a structured 404", async () => {
    const { exceptionId, eventId } = await rejected("ONE-1");
    const one = await call(r.one!, { token: tokens.manager, params: { id: exceptionId } });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: exceptionId,
      eventId,
      integration: relay.slug,
      status: "open",
      category: "validation",
      event: { entityKey: "ONE-1" },
    });
    await call(r.discard!, {
      method: "POST",
      token: tokens.ops,
      params: { id: exceptionId },
      body: { reason: "test record" },
    });
    const closed = await call(r.one!, { token: tokens.ops, params: { id: exceptionId } });
    expect(closed.body).toMatchObject({ id: exceptionId, status: "ignored" });
    const missing = await call(r.one!, { token: tokens.ops, params: { id: "no-such-exception" } });
    expect([missing.status, missing.body.error.code]).toEqual([404, "not_found"]);
    expect((await call(r.one!, { params: { id: exceptionId } })).status).toBe(401);
  });

  it("take / assign: ops may (to an ops or admin user), not to a manager; a manager may not", async () => {
    const { exceptionId } = await rejected("A-1");
    expect(
      (
        await call(r.assign!, {
          method: "POST",
          token: tokens.manager,
          params: { id: exceptionId },
          body: { assignee: ids.manager },
        })
      ).status,
    ).toBe(403);
    const bad = await call(r.assign!, {
      method: "POST",
      token: tokens.ops,
      params: { id: exceptionId },
      body: { assignee: ids.manager },
    });
    expect([bad.status, bad.body.error.details[0].path]).toEqual([400, "/assignee"]);
    const taken = await call(r.assign!, {
      method: "POST",
      token: tokens.admin,
      params: { id: exceptionId },
      body: { assignee: ids.admin },
    });
    expect(taken.body).toEqual({ id: exceptionId, assignee: ids.admin });
    expect(
      (
        await call(r.assign!, {
          method: "POST",
          token: tokens.ops,
          params: { id: exceptionId },
          body: { assignee: null },
        })
      ).body.assignee,
    ).toBeNull();
  });

  it("replay: an invalid correction is refused with details and changes nothing; a valid one is delivered and resolves the exception", async () => {
    const { eventId, exceptionId } = await rejected("R-1");
    const invalid = await call(r.replay!, {
      method: "POST",
      token: tokens.ops,
      params: { id: exceptionId },
      body: { payload: { order: { id: "R-1", version: 1, total: "ten" } } },
    });
    expect([invalid.status, invalid.body.error.code, invalid.body.error.details[0].path]).toEqual([
      422,
      "contract_violation",
      "/order/total",
    ]);
    expect((await ctx.repos.events.findById(eventId))?.status).toBe("rejected");
    const ok = await call(r.replay!, {
      method: "POST",
      token: tokens.ops,
      params: { id: exceptionId },
      body: { payload: { order: { id: "R-1", version: 1, total: 5 } } },
    });
    expect(ok.status).toBe(202);
    const event = await waitForEvent(ctx, eventId, (e) => e.status === "succeeded");
    expect(event.payload).toEqual({ order: { id: "R-1", version: 1, total: -5 } });
    expect(event.deliveryPayload).toEqual({ externalId: "R-1", amount: 5 });
    const closed = await ctx.repos.exceptions.findById(exceptionId);
    expect(closed).toMatchObject({ status: "resolved", resolution: "replayed" });
    const detail = await call(r.event!, { token: tokens.manager, params: { id: eventId } });
    expect(detail.body.replays).toHaveLength(1);
    expect(detail.body.stages.map((s: { stage: string }) => s.stage)).toEqual(
      expect.arrayContaining(["validated", "replay_requested_by_operator", "delivered"]),
    );
    expect(detail.body.audit.map((a: { action: string }) => a.action)).toContain("exception.replay");
  });

  it("rerun: still invalid under the current contract is a 422 (exception stays open); after a contract fix it delivers", async () => {
    const { eventId, exceptionId } = await rejected("RR-1");
    const still = await call(r.rerun!, { method: "POST", token: tokens.ops, params: { id: exceptionId } });
    expect([still.status, still.body.error.code]).toEqual([422, "contract_violation"]);
    expect((await ctx.repos.exceptions.findById(exceptionId))?.status).toBe("open");
    const v1 = (await ctx.repos.contracts.current(relay.integrationId))!;
    const { id: _id, version: _v, status: _s, approvedById: _a, approvedAt: _at, createdAt: _c, ...fields } = v1;
    await ctx.repos.contracts.create(
      { ...fields, schema: { type: "object", required: ["order"] }, diff: null, note: "accept any total" },
      new Date(),
    );
    const rerun = await call(r.rerun!, { method: "POST", token: tokens.ops, params: { id: exceptionId } });
    expect(rerun.status).toBe(202);
    const event = await waitForEvent(ctx, eventId, (e) => e.status === "succeeded");
    expect(event.contractVersionId).not.toBe(v1.id);
    await store.db.contractVersion.deleteMany({
      where: { integrationId: relay.integrationId, version: { gt: v1.version } },
    });
    configChanged(); // written behind the repositories: forget what ingest cached
  });

  it("resolve needs a note, discard a reason; both end the event; acting on a closed exception is a 409", async () => {
    const a = await failed("C-1");
    expect(
      (await call(r.resolve!, { method: "POST", token: tokens.ops, params: { id: a.exceptionId }, body: {} })).status,
    ).toBe(400);
    const resolved = await call(r.resolve!, {
      method: "POST",
      token: tokens.ops,
      params: { id: a.exceptionId },
      body: { note: "Keyed into the ERP by hand" },
    });
    expect(resolved.body).toMatchObject({
      status: "resolved",
      resolution: "manual_override",
      eventStatus: "overridden",
    });
    expect(await ctx.repos.events.findById(a.eventId)).toMatchObject({
      status: "overridden",
      outcome: "manual_override",
    });
    for (const action of ["retry", "rerun", "resolve", "discard"]) {
      const again = await call(r[action]!, {
        method: "POST",
        token: tokens.ops,
        params: { id: a.exceptionId },
        body: { note: "x", reason: "x" },
      });
      expect([action, again.status, again.body.error.code]).toEqual([action, 409, "invalid_state"]);
    }
    const b = await rejected("C-2");
    expect(
      (
        await call(r.discard!, {
          method: "POST",
          token: tokens.manager,
          params: { id: b.exceptionId },
          body: { reason: "test order" },
        })
      ).status,
    ).toBe(403);
    const discarded = await call(r.discard!, {
      method: "POST",
      token: tokens.ops,
      params: { id: b.exceptionId },
      body: { reason: "A test order from QA" },
    });
    expect(discarded.body).toMatchObject({ status: "ignored", resolution: "discarded", eventStatus: "discarded" });
    expect((await ctx.repos.events.findById(b.eventId))?.outcome).toBe("discarded");
  });

  it("redeliver: admin only, with a reason, even a succeeded event; not while one is under way", async () => {
    const res = await ingest(relay.slug, order("RD-1"), { key: relay.key });
    await waitForEvent(ctx, res.body.id!, (e) => e.status === "succeeded");
    expect(
      (
        await call(r.redeliver!, {
          method: "POST",
          token: tokens.ops,
          params: { id: res.body.id! },
          body: { reason: "x" },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(r.redeliver!, { method: "POST", token: tokens.admin, params: { id: res.body.id! }, body: {} }))
        .status,
    ).toBe(400);
    const before = sink.requests.filter((q) => q.headers["webhook-id"] === res.body.id).length;
    sink.script({ status: 200, delayMs: 300 });
    const again = await call(r.redeliver!, {
      method: "POST",
      token: tokens.admin,
      params: { id: res.body.id! },
      body: { reason: "ERP restored from backup" },
    });
    expect(again.status).toBe(202);
    expect(
      (
        await call(r.redeliver!, {
          method: "POST",
          token: tokens.admin,
          params: { id: res.body.id! },
          body: { reason: "twice" },
        })
      ).status,
    ).toBe(409);
    await waitForEvent(ctx, res.body.id!, (e) => e.status === "succeeded");
    const sent = sink.requests.filter((q) => q.headers["webhook-id"] === res.body.id);
    expect(sent.length).toBe(before + 1);
    expect(new Set(sent.map((q) => q.headers["idempotency-key"])).size).toBe(1);
    expect(
      await store.db.auditEntry.count({
        where: { action: "event.redeliver", objectId: res.body.id!, reason: "ERP restored from backup" },
      }),
    ).toBe(1);
  });

  it("bulk retry of a filtered selection: preview count, a job with progress, and running it again skips every item", async () => {
    const other = await makeRelay(ctx, sink.url, { rateLimit: { perSecond: 1000, burst: 1000 } });
    const failures = [];
    for (let i = 0; i < 4; i++) {
      sink.script({ status: 400 });
      const res = await ingest(other.slug, order(`B-${i}`), { key: other.key });
      failures.push(await waitForEvent(ctx, res.body.id!, (e) => e.status === "failed"));
    }
    const filter = { integration: other.slug };
    expect(
      (await call(r.preview!, { method: "POST", token: tokens.ops, body: { action: "retry", filter } })).body.total,
    ).toBe(4);
    expect(
      (await call(r.bulk!, { method: "POST", token: tokens.manager, body: { action: "retry", filter } })).status,
    ).toBe(403);
    const started = await call(r.bulk!, { method: "POST", token: tokens.ops, body: { action: "retry", filter } });
    expect(started.status).toBe(202);
    expect(started.body.total).toBe(4);
    const job = await eventually(async () => {
      const j = await call(r.job!, { token: tokens.manager, params: { id: started.body.jobId } });
      return j.body.status === "succeeded" ? j.body : null;
    });
    expect(job).toMatchObject({ total: 4, done: 4, failed: 0, skipped: 0 });
    for (const f of failures) await waitForEvent(ctx, f.id, (e) => e.status === "succeeded");
    const exceptionIds = (await store.db.exception.findMany({ where: { integrationId: other.integrationId } })).map(
      (x) => x.id,
    );
    const again = await call(r.bulk!, {
      method: "POST",
      token: tokens.ops,
      body: { action: "retry", ids: exceptionIds },
    });
    const second = await eventually(async () => {
      const j = await call(r.job!, { token: tokens.ops, params: { id: again.body.jobId } });
      return j.body.status === "succeeded" ? j.body : null;
    });
    expect(second).toMatchObject({ total: 4, done: 0, skipped: 4 });
    for (const f of failures) expect(sink.requests.filter((q) => q.headers["webhook-id"] === f.id)).toHaveLength(2);
    const cancel = await call(r.cancel!, { method: "POST", token: tokens.ops, params: { id: again.body.jobId } });
    expect([cancel.status, cancel.body.error.code]).toEqual([409, "invalid_state"]);
  });

  it("escalates an open exception past its SLA on a live integration to the incident owner, and notifies", async () => {
    const live = await makeRelay(ctx, sink.url, {
      slaMinutes: 1,
      owners: { incident: ids.admin, triage: ids.ops },
      notificationWebhook: `${sink.url}/slack`,
    });
    await ctx.repos.integrations.update(live.integrationId, { lifecycle: "live", liveAt: new Date() }, new Date());
    const res = await ingest(live.slug, { order: { id: "E-1", version: 1, total: -1 } }, { key: live.key });
    const exception = (await ctx.repos.exceptions.findOpenForEvent(res.body.id!))!;
    await store.db.exception.update({ where: { id: exception.id }, data: { dueAt: new Date(Date.now() - 60_000) } });
    expect(await escalateOverdue(ctx, { consoleUrl: "https://signalbox.example" })).toBeGreaterThanOrEqual(1);
    expect(await escalateOverdue(ctx, { consoleUrl: "https://signalbox.example" })).toBe(0);
    const after = await ctx.repos.exceptions.findById(exception.id);
    expect(after).toMatchObject({ escalatedToId: ids.admin });
    expect(after!.escalatedAt).not.toBeNull();
    await sink.waitFor(
      sink.requests.findIndex((q) => q.url === "/slack") >= 0 ? sink.requests.length : sink.requests.length + 1,
    );
    const note = await eventually(async () => sink.requests.find((q) => q.url === "/slack"));
    const body = JSON.parse(note.body);
    expect(body.text).toContain("past its SLA");
    expect(body.signalbox).toMatchObject({
      type: "exception.escalated",
      exceptionId: exception.id,
      link: `https://signalbox.example/events/${res.body.id}`,
    });
    expect(await store.db.auditEntry.count({ where: { action: "exception.escalate", objectId: exception.id } })).toBe(
      1,
    );
  });

  it("the event detail shows every event sharing its correlation ID, across integrations, on one timeline", async () => {
    const other = await makeRelay(ctx, sink.url, { rateLimit: { perSecond: 1000, burst: 1000 } });
    const one = await ingest(relay.slug, order("CO-1"), { key: relay.key, headers: { "x-correlation-id": "deal-42" } });
    const two = await ingest(other.slug, order("CO-2"), { key: other.key, headers: { "x-correlation-id": "deal-42" } });
    await waitForEvent(ctx, two.body.id!, (e) => e.status === "succeeded");
    const detail = await call(r.event!, { token: tokens.manager, params: { id: one.body.id! } });
    expect(detail.status).toBe(200);
    expect(detail.body.correlated.events.map((e: { id: string }) => e.id)).toEqual([one.body.id, two.body.id]);
    const integrationsOnTimeline = new Set(
      detail.body.correlated.timeline.map((s: { integration: string }) => s.integration),
    );
    expect(integrationsOnTimeline).toEqual(new Set([relay.slug, other.slug]));
    expect(detail.body.integration.owners.triage).toMatchObject({ id: ids.ops });
    expect((await call(r.event!, { token: tokens.manager, params: { id: "nope" } })).status).toBe(404);
  });
});

function listWith(query: Record<string, string>): Handler {
  return (req, c) =>
    r.list!(
      new Request(`http://localhost/api/v1/exceptions?${new URLSearchParams(query)}`, { headers: req.headers }),
      c,
    );
}
