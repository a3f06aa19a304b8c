// Retention (issue 13 item 2, first slice: expiry by bounded batches on both stores). Payloads past their lifetime
// leave every table — record, delivered body, replays, conflicting arrivals, response excerpts — while the event, its
// stages and outcome stay; records past theirs go with their stages; KPI rollups stay exact; audit entries expire by
// their own lifetime. Never touched: legal holds (per event or per integration), open exceptions, unfinished events.
import { beforeAll, describe, expect, it } from "vitest";
import * as holdRoutes from "@/app/api/v1/events/[id]/legal-hold/route";
import * as eventRoutes from "@/app/api/v1/events/[id]/route";
import * as retentionRoutes from "@/app/api/v1/settings/retention/route";
import * as storeRoutes from "@/app/api/v1/store/route";
import { call, tokensByRole, type Handler } from "./helpers/api";
import type { Ctx } from "@/lib/core/context";
import { rollupKpis } from "@/lib/core/kpis/rollup";
import { expireRetention, setLegalHold, setRetention } from "@/lib/core/retention/retention";
import { resolveException } from "@/lib/core/exceptions/close-exception";
import type { Store } from "@/lib/db/client";
import { ingest, makeRelay, order, waitForEvent, type Relay } from "./helpers/pipeline";
import type { Sink } from "./helpers/sink";
import { pipelineSuite } from "./helpers/suite";
import { findEverywhere } from "./helpers/find-everywhere";
import { provider } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let sink: Sink;
const DAY = 86_400_000;

const suite = pipelineSuite();
beforeAll(async () => {
  ({ store, ctx, sink } = suite);
});

/** Ingest one order carrying `marker`, wait until it settles, and move its arrival `daysAgo` into the past. */
async function aged(relay: Relay, id: string, marker: string, daysAgo: number, settled = ["succeeded"]) {
  const res = await ingest(relay.slug, order(id, 1, { note: marker }), { key: relay.key });
  expect([202, 422]).toContain(res.status);
  const event = await waitForEvent(ctx, res.body.id!, (e) => settled.includes(e.status));
  const past = new Date(Date.now() - daysAgo * DAY);
  await store.db.event.update({ where: { id: event.id }, data: { receivedAt: past } });
  return event.id;
}

describe("retention", () => {
  it("payloads past their lifetime leave every table; the event, its stages and outcome stay; holds, open exceptions and recent events keep theirs", async () => {
    const relay = await makeRelay(ctx, sink.url);
    sink.script({ status: 200, body: JSON.stringify({ echo: "echo-A-9f3" }) });
    const a = await aged(relay, "RA-1", "marker-A-9f3", 100);
    // A conflicting arrival (same key, other body) keeps that body too, and a replay its corrected one.
    const conflict = await ingest(relay.slug, order("RA-1", 1, { note: "marker-A-9f3 conflict" }), { key: relay.key });
    expect(conflict.status).toBe(422);
    const b = await aged(relay, "RB-1", "marker-B-9f3", 100);
    await setLegalHold({ ctx, eventId: b, input: { hold: true, reason: "case 2026-114" } });
    // Refused by the target (an exception stays open): its 422 body is the excerpt in the stage and the exception.
    sink.script({ status: 422, body: JSON.stringify({ error: "echo-C-9f3 unknown" }) });
    const c = await aged(relay, "RC-1", "marker-C-9f3", 100, ["failed"]);
    const d = await aged(relay, "RD-1", "marker-D-9f3", 10);
    const stagesBefore = await store.db.stageRun.count({ where: { eventId: a } });

    const pass = await expireRetention(ctx);
    expect(pass).toMatchObject({
      payloads: 1,
      records: 0,
      integrations: { [relay.slug]: { payloads: 1, records: 0 } },
    });

    expect(await findEverywhere(store, "marker-A-9f3")).toEqual([]);
    expect(await findEverywhere(store, "echo-A-9f3")).toEqual([]);
    const expired = await store.db.event.findUniqueOrThrow({ where: { id: a } });
    expect(expired).toMatchObject({ payload: { expired: true }, deliveryPayload: null, status: "succeeded" });
    expect(expired.payloadExpiredAt).toBeInstanceOf(Date);
    expect(await store.db.stageRun.count({ where: { eventId: a } })).toBe(stagesBefore);
    const attempt = await store.db.stageRun.findFirstOrThrow({ where: { eventId: a, stage: "delivered" } });
    expect(attempt).toMatchObject({ responseStatus: 200 });
    // The answer keeps its status; its body and headers went with the payload, and so did the headers sent.
    const detail = attempt.detail as { request: unknown; response: unknown };
    expect(detail.response).toEqual({ status: 200, truncated: false });
    expect(detail.request).toEqual({});
    // Held, open, recent: untouched.
    expect(await findEverywhere(store, "marker-B-9f3")).toContain("Event.payload");
    expect(await findEverywhere(store, "marker-C-9f3")).toContain("Event.payload");
    expect(await findEverywhere(store, "echo-C-9f3")).toEqual([
      "Exception.message",
      "StageRun.detail",
      "StageRun.error",
    ]);
    expect(await findEverywhere(store, "marker-D-9f3")).toContain("Event.payload");
    expect(d).toBeTruthy();

    // The exception closed, C's payload and its excerpts go on the next pass: "HTTP 422" stays, the body does not.
    const exception = await store.db.exception.findFirstOrThrow({ where: { eventId: c, status: "open" } });
    await resolveException({ ctx, id: exception.id, input: { note: "fixed in the ERP by hand" } });
    await expireRetention(ctx);
    expect(await findEverywhere(store, "echo-C-9f3")).toEqual([]);
    expect(await findEverywhere(store, "marker-C-9f3")).toEqual([]);
    const refused = await store.db.stageRun.findFirstOrThrow({ where: { eventId: c, responseStatus: 422 } });
    expect(refused.error).toBe("HTTP 422");
    expect((await store.db.exception.findUniqueOrThrow({ where: { id: exception.id } })).message).toBe("HTTP 422");

    // The pass said what it removed, by count, never by content.
    const entries = await store.db.auditEntry.findMany({ where: { action: "retention.expired" } });
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(entries)).not.toMatch(/marker|echo/);
  });

  it("records past their lifetime go with their stages; KPI rollups keep their counts; audit entries by their own lifetime; an integration's legal hold keeps everything", async () => {
    const relay = await makeRelay(ctx, sink.url);
    const held = await makeRelay(ctx, sink.url);
    // Three events of one past hour: two finished, one with an open exception.
    const hour = new Date(Math.floor((Date.now() - 40 * DAY) / 3_600_000) * 3_600_000 + 60_000);
    const ids = [await aged(relay, "RR-1", "rr-1", 40), await aged(relay, "RR-2", "rr-2", 40)];
    sink.script({ status: 422, body: "{}" });
    const open = await aged(relay, "RR-3", "rr-3", 40, ["failed"]);
    const keptByHold = await aged(held, "RH-1", "rh-1", 400);
    await store.db.event.updateMany({ where: { id: { in: [...ids, open] } }, data: { receivedAt: hour } });
    await rollupKpis(ctx);
    const hourRow = () =>
      store.db.kpiHour.findFirstOrThrow({
        where: {
          integrationId: relay.integrationId,
          hour: new Date(Math.floor(hour.getTime() / 3_600_000) * 3_600_000),
        },
      });
    expect((await hourRow()).received).toBe(3);
    // The hour was rolled up while its events were young (the defaults keep records a year); now a month it is.
    await setRetention({
      ctx,
      input: {
        defaults: { payloadDays: 10, recordDays: 30, auditDays: 365 },
        integrations: { [held.integrationId]: { legalHold: true } },
      },
    });
    const oldAudit = await store.db.auditEntry.create({
      data: {
        at: new Date(Date.now() - 400 * DAY),
        actorLabel: "system",
        action: "test.old",
        objectType: "t",
        objectId: "1",
      },
    });

    const pass = await expireRetention(ctx);
    expect(pass.integrations[relay.slug]).toMatchObject({ records: 2 });
    expect(pass.audit).toBeGreaterThanOrEqual(1);
    expect(await store.db.event.count({ where: { id: { in: ids } } })).toBe(0);
    expect(await store.db.stageRun.count({ where: { eventId: { in: ids } } })).toBe(0);
    expect(await store.db.event.count({ where: { id: open } })).toBe(1);
    expect(await store.db.event.findUniqueOrThrow({ where: { id: keptByHold } })).toMatchObject({
      payload: { order: { note: "rh-1" } },
    });
    expect(await store.db.auditEntry.count({ where: { id: oldAudit.id } })).toBe(0);
    expect(await store.db.auditEntry.count({ where: { action: "settings.retention" } })).toBe(1);

    // Resolving the open one touches that hour; its rollup keeps counting the two events that are gone.
    const exception = await store.db.exception.findFirstOrThrow({ where: { eventId: open, status: "open" } });
    await resolveException({ ctx, id: exception.id, input: { note: "handled" } });
    await rollupKpis(ctx);
    expect((await hourRow()).received).toBe(3);
  });

  if (provider === "sqlite")
    it("the embedded store gives the space it freed back to the file system, a bounded step at a time", async () => {
      const pragma = async (sql: string) =>
        Number(Object.values((await store.db.$queryRawUnsafe<Record<string, unknown>[]>(sql))[0]!)[0]);
      expect(await pragma("PRAGMA auto_vacuum")).toBe(2); // a new store is created in incremental mode
      const relay = await makeRelay(ctx, sink.url);
      const old = new Date(Date.now() - 2_000 * DAY);
      await store.db.event.createMany({
        data: Array.from({ length: 3_000 }, (_, i) => ({
          integrationId: relay.integrationId,
          idempotencyKey: `bulk-${i}`,
          fingerprint: "f",
          correlationId: `c-${i}`,
          payload: { filler: "x".repeat(4_000), i },
          status: "succeeded" as const,
          receivedAt: old,
          updatedAt: old,
        })),
      });
      const before = await pragma("PRAGMA page_count");
      const pass = await expireRetention(ctx);
      expect(pass.integrations[relay.slug]).toMatchObject({ records: 3_000 });
      expect(pass.reclaimedPages).toBeGreaterThan(2_000);
      expect(await pragma("PRAGMA page_count")).toBe(before - pass.reclaimedPages);
    });

  it("refuses a record lifetime shorter than the payload lifetime, and an unknown integration", async () => {
    await expect(
      setRetention({ ctx, input: { defaults: { payloadDays: 30, recordDays: 7, auditDays: null } } }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      setRetention({
        ctx,
        input: { defaults: { payloadDays: 30, recordDays: 60, auditDays: null }, integrations: { nope: {} } },
      }),
    ).rejects.toMatchObject({ code: "integration_not_found" });
  });

  it("over HTTP: everyone reads the policy, only an admin sets it or a legal hold (with a reason); each change is audited", async () => {
    const { tokens } = await tokensByRole(store, ctx, "retention");
    const GET = retentionRoutes.GET as Handler;
    const POST = retentionRoutes.POST as Handler;
    const read = await call(GET, { token: tokens.manager });
    expect(read.status).toBe(200);
    expect(read.body.policy.defaults).toHaveProperty("payloadDays");
    const policy = { defaults: { payloadDays: 14, recordDays: 180, auditDays: null }, integrations: {} };
    expect((await call(POST, { method: "POST", token: tokens.ops, body: policy })).status).toBe(403);
    expect((await call(POST, { method: "POST", token: tokens.manager, body: policy })).status).toBe(403);
    const bad = await call(POST, {
      method: "POST",
      token: tokens.admin,
      body: { defaults: { payloadDays: 0, recordDays: 7, auditDays: null } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain("/defaults/payloadDays");
    const saved = await call(POST, { method: "POST", token: tokens.admin, body: policy });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ policy, updatedAt: expect.any(String) });
    expect((await call(GET, { token: tokens.ops })).body.policy).toEqual(policy);

    const relay = await makeRelay(ctx, sink.url);
    const res = await ingest(relay.slug, order("LH-1"), { key: relay.key });
    const HOLD = holdRoutes.POST as Handler;
    const params = { id: res.body.id! };
    expect(
      (await call(HOLD, { method: "POST", token: tokens.ops, params, body: { hold: true, reason: "case 7" } })).status,
    ).toBe(403);
    expect((await call(HOLD, { method: "POST", token: tokens.admin, params, body: { hold: true } })).status).toBe(400);
    const held = await call(HOLD, {
      method: "POST",
      token: tokens.admin,
      params,
      body: { hold: true, reason: "case 7" },
    });
    expect(held).toMatchObject({ status: 200, body: { id: params.id, legalHold: true } });
    const missing = await call(HOLD, {
      method: "POST",
      token: tokens.admin,
      params: { id: "no-such-event" },
      body: { hold: true, reason: "case 7" },
    });
    expect(missing.status).toBe(404);
    const detail = await call(eventRoutes.GET as Handler, { token: tokens.manager, params });
    expect(detail.body.event).toMatchObject({ legalHold: true, payloadExpiredAt: null });
    const hold = await store.db.auditEntry.findFirstOrThrow({
      where: { action: "event.legal_hold", objectId: params.id },
    });
    expect(hold.reason).toBe("case 7");
    const change = await store.db.auditEntry.findFirstOrThrow({
      where: { action: "settings.retention" },
      orderBy: { at: "desc" },
    });
    expect(change.after).toEqual(policy);

    // What the store holds: estimates and dates, for everyone; the next expiries follow the policy.
    const overview = await call(storeRoutes.GET as Handler, { token: tokens.manager });
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({ provider, sizeBytes: expect.any(Number) });
    expect(overview.body.sizeBytes).toBeGreaterThan(0);
    expect(overview.body.rows.events).toBeGreaterThan(0);
    const mine = overview.body.integrations.find((i: { slug: string }) => i.slug === relay.slug);
    const received = (await store.db.event.findUniqueOrThrow({ where: { id: params.id } })).receivedAt;
    expect(mine).toMatchObject({ oldestAt: received.toISOString(), legalHold: false });
    expect(new Date(mine.nextPayloadExpiryAt).getTime() - received.getTime()).toBe(14 * DAY);
    expect(new Date(mine.nextRecordExpiryAt).getTime() - received.getTime()).toBe(180 * DAY);
  });
});
