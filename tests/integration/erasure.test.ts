// Erasure (issue 13 item 3), on both stores: everything held about a subject — found by a value in the payloads, an
// entity key or an identifier, across integrations — leaves every table (searched column by column), while each
// event's metadata, stages and outcome stay, keys stay as keyed hashes so a replayed arrival is still a duplicate,
// legal holds keep theirs, the count is confirmed first, and the audit trail names the request, not the data.
import { beforeAll, describe, expect, it } from "vitest";
import * as eraseRoutes from "@/app/api/v1/erasures/route";
import * as previewRoutes from "@/app/api/v1/erasures/preview/route";
import * as eventRoutes from "@/app/api/v1/events/[id]/route";
import type { Ctx } from "@/lib/core/context";
import { discardException } from "@/lib/core/exceptions/close-exception";
import { replayException } from "@/lib/core/exceptions/replay-exception";
import { MAX_ERASED } from "@/lib/core/erasure/erasure";
import { setLegalHold } from "@/lib/core/retention/retention";
import type { Store } from "@/lib/db/client";
import { call, tokensByRole, type Role } from "./helpers/api";
import { findEverywhere } from "./helpers/find-everywhere";
import { ingest, makeRelay, order, waitForEvent, type Relay } from "./helpers/pipeline";
import type { Sink } from "./helpers/sink";
import { pipelineSuite } from "./helpers/suite";

let store: Store;
let ctx: Ctx;
let sink: Sink;
let tokens: Record<Role, string>;

const suite = pipelineSuite();
beforeAll(async () => {
  ({ store, ctx, sink } = suite);
  tokens = (await tokensByRole(store, ctx, "erasure")).tokens;
});

const preview = (body: unknown, role: Role = "admin") =>
  call(previewRoutes.POST, { method: "POST", token: tokens[role], body });
const erase = (body: unknown, role: Role = "admin") =>
  call(eraseRoutes.POST, { method: "POST", token: tokens[role], body });

async function settled(relay: Relay, body: unknown, statuses: string[]) {
  const res = await ingest(relay.slug, body, { key: relay.key });
  expect([202, 422]).toContain(res.status);
  return waitForEvent(ctx, res.body.id!, (e) => statuses.includes(e.status));
}

describe("erasure", () => {
  it("a value in the payloads: every copy leaves every table across integrations, legal holds keep theirs until released, dedupe still works, the audit names only the request", async () => {
    const email = `jane.doe.${Date.now().toString(36)}@example.com`;
    const tag = Math.random().toString(36).slice(2, 7);
    const shop = await makeRelay(ctx, sink.url);
    const crm = await makeRelay(ctx, sink.url);

    // Delivered; the target echoes the address in its answer (stage detail), a conflicting arrival keeps its body.
    sink.script({ status: 200, body: JSON.stringify({ saved: email }) });
    const first = order(`E1-${tag}`, 1, { note: email });
    const delivered = await settled(shop, first, ["succeeded"]);
    expect((await ingest(shop.slug, order(`E1-${tag}`, 1, { note: `${email} again` }), { key: shop.key })).status).toBe(
      422,
    );
    // Refused by the target with the address in the error (open exception), then replayed corrected (audit payload).
    sink.script({ status: 422, body: JSON.stringify({ error: `${email} unknown` }) });
    const refused = await settled(shop, order(`E2-${tag}`, 1, { note: email }), ["failed"]);
    const openEx = await store.db.exception.findFirstOrThrow({ where: { eventId: refused.id, status: "open" } });
    expect(openEx.message).toContain(email);
    await replayException({
      ctx,
      id: openEx.id,
      input: { payload: order(`E2-${tag}`, 1, { note: `${email} fixed` }) },
    });
    await waitForEvent(ctx, refused.id, (e) => e.status === "succeeded");
    // Breaks the contract (rejected, exception open) and carries an unknown field (drift keeps an example).
    const rejected = await settled(shop, order(`E3-${tag}`, 1, { note: email, total: -1 }), ["rejected"]);
    const drifted = await settled(shop, order(`E4-${tag}`, 1, { email }), ["succeeded"]);
    // Someone else's record, whose exception an operator closed with a note naming the address.
    const other = await settled(shop, order(`E5-${tag}`, 1, { note: "someone else", total: -1 }), ["rejected"]);
    const otherEx = await store.db.exception.findFirstOrThrow({ where: { eventId: other.id } });
    await discardException({ ctx, id: otherEx.id, input: { reason: `customer ${email} called about a twin order` } });
    // In the other integration, under legal hold.
    const held = await settled(crm, order(`H1-${tag}`, 1, { note: email }), ["succeeded"]);
    await setLegalHold({ ctx, eventId: held.id, input: { hold: true, reason: "case 2026-114" } });
    expect(await findEverywhere(store, email)).toEqual(
      expect.arrayContaining([
        "AuditEntry.after",
        "AuditEntry.before",
        "AuditEntry.reason",
        "DriftCount.example",
        "DuplicateArrival.payload",
        "Event.payload",
        "EventReplay.payload",
        "Exception.message",
        "Exception.note",
        "StageRun.detail",
        "StageRun.error",
      ]),
    );

    // Count first: other roles may not; a short value is refused; the count is per integration.
    expect((await preview({ match: "payload_value", value: email }, "ops")).status).toBe(403);
    expect((await preview({ match: "payload_value", value: email }, "manager")).status).toBe(403);
    expect((await preview({ match: "payload_value", value: "ab" })).status).toBe(400);
    const seen = await preview({ match: "payload_value", value: email });
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({
      asOf: expect.any(String),
      count: 4,
      held: 1,
      integrations: expect.arrayContaining([
        { slug: shop.slug, name: expect.any(String), count: 4, held: 0 },
        { slug: crm.slug, name: expect.any(String), count: 0, held: 1 },
      ]),
    });
    // A stale count or a reference holding the value erase nothing.
    const stale = await erase({ match: "payload_value", value: email, expectedCount: 3, reference: "DSR-2026-0042" });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: "erasure_count_changed" } } });
    const leaky = await erase({ match: "payload_value", value: email, expectedCount: 4, reference: `for ${email}` });
    expect(leaky.status).toBe(400);
    expect((await erase({ match: "payload_value", value: email, expectedCount: 4 }, "ops")).status).toBe(403);
    expect(await findEverywhere(store, email)).toContain("Event.payload");

    const done = await erase({ match: "payload_value", value: email, expectedCount: 4, reference: "DSR-2026-0042" });
    expect(done).toMatchObject({ status: 200, body: { erased: 4, held: 1 } });

    // Only the held record still holds the address: its own rows and nothing else.
    const left = await findEverywhere(store, email);
    expect(left).toContain("Event.payload");
    expect(left.filter((t) => !["Event.payload", "Event.deliveryPayload", "StageRun.detail"].includes(t))).toEqual([]);
    expect(await store.db.event.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({
      payload: { order: { note: email } },
      erasedAt: null,
    });
    // The keys of the erased records are gone too, in every form (key, entity key, mapped id, correlation).
    for (const id of [`E1-${tag}`, `E2-${tag}`, `E3-${tag}`, `E4-${tag}`])
      expect(await findEverywhere(store, id)).toEqual([]);

    // The event's page still reads: the target's answer is a text saying it was erased.
    const page = await call(eventRoutes.GET, { token: tokens.ops, params: { id: delivered.id } });
    expect(page.status).toBe(200);
    const attempt = page.body.stages.find((s: { stage: string }) => s.stage === "delivered");
    expect(attempt.detail.response).toMatchObject({ status: 200, body: "[erased]" });
    // The events stay, with stages and outcome; payloads are a tombstone; the exception closed as erased.
    const after = await store.db.event.findUniqueOrThrow({ where: { id: delivered.id }, include: { stages: true } });
    expect(after).toMatchObject({ status: "succeeded", payload: { erased: true }, deliveryPayload: null });
    expect(after.erasedAt).toBeInstanceOf(Date);
    expect(after.idempotencyKey).toMatch(/^erased:[0-9a-f]{64}$/);
    expect((await ctx.repos.events.stages(delivered.id)).map((s) => s.stage)).toEqual(
      expect.arrayContaining(["received", "validated", "deduplicated", "mapped", "delivered"]),
    );
    expect(await store.db.exception.findFirstOrThrow({ where: { eventId: rejected.id } })).toMatchObject({
      status: "ignored",
      resolution: "erased",
      openForEventId: null,
    });
    expect(drifted.id).toBeTruthy();
    // Someone else's record keeps its content; only the note lost the address.
    expect(await store.db.event.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({
      payload: { order: { note: "someone else" } },
    });

    // A replayed webhook of the erased record is still its duplicate: nothing new is stored or delivered.
    const sent = sink.requests.length;
    const again = await ingest(shop.slug, first, { key: shop.key });
    expect(again).toMatchObject({ status: 200, body: { id: delivered.id, duplicate: true } });
    expect(await store.db.event.count({ where: { integrationId: shop.integrationId } })).toBe(5);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.requests.length).toBe(sent);

    // One audit entry: the reference and the counts, never the value.
    const entry = await store.db.auditEntry.findFirstOrThrow({ where: { action: "erasure.completed" } });
    expect(entry).toMatchObject({ objectType: "erasure", objectId: done.body.id, reason: "DSR-2026-0042" });
    expect(entry.after).toMatchObject({ match: "payload_value", erased: 4, held: 1 });
    expect(JSON.stringify(entry)).not.toContain(email);

    // Released from the hold, the last record goes too: no copy anywhere.
    await setLegalHold({ ctx, eventId: held.id, input: { hold: false, reason: "case 2026-114 closed" } });
    const last = await erase({ match: "payload_value", value: email, expectedCount: 1, reference: "DSR-2026-0042" });
    expect(last).toMatchObject({ status: 200, body: { erased: 1, held: 0 } });
    expect(await findEverywhere(store, email)).toEqual([]);
  });

  it("by entity key or identifier, within one integration: unfinished deliveries are dropped, the version guard keeps only a hash", async () => {
    const tag = Math.random().toString(36).slice(2, 7);
    // Retries a minute apart: the record refused once is still waiting when the erasure comes.
    const shop = await makeRelay(ctx, sink.url, {
      retryPolicy: { maxAttempts: 3, initialDelayMs: 60_000, maxDelayMs: 60_000, multiplier: 2, maxAgeMs: 600_000 },
    });
    const entity = `CUST-${tag}`;
    // Two versions of one entity; the second waits for its retry (the target is down) when the erasure comes.
    await settled(shop, order(entity, 1), ["succeeded"]);
    sink.script({ status: 503 });
    const pending = await settled(shop, order(entity, 2), ["retrying"]);
    expect(await store.db.queueJob.count({ where: { eventId: pending.id } })).toBe(1);

    expect((await preview({ match: "entity_key", value: entity, integration: "no-such" })).status).toBe(404);
    const seen = await preview({ match: "entity_key", value: entity, integration: shop.slug });
    expect(seen.body).toMatchObject({ count: 2, held: 0, asOf: expect.any(String) });
    // A third version arrives after the look: the confirmed two are erased, the newcomer waits for another look.
    await new Promise((r) => setTimeout(r, 5));
    const later = await settled(shop, order(entity, 3), ["succeeded", "retrying"]);
    const done = await erase({
      match: "entity_key",
      value: entity,
      integration: shop.slug,
      asOf: seen.body.asOf,
      expectedCount: 2,
      reference: "ticket 7781",
    });
    expect(done).toMatchObject({ status: 200, body: { erased: 2 } });
    expect(await store.db.event.findUniqueOrThrow({ where: { id: later.id } })).toMatchObject({
      entityKey: entity,
      erasedAt: null,
    });
    // The version guard still knows the entity's newest version (its record was not erased).
    expect(
      await store.db.entityVersion.findFirst({ where: { integrationId: shop.integrationId, entityKey: entity } }),
    ).toMatchObject({ eventId: later.id });
    expect((await preview({ match: "entity_key", value: entity })).body).toMatchObject({ count: 1 });
    await erase({ match: "entity_key", value: entity, expectedCount: 1, reference: "ticket 7781, later record" });
    expect(await store.db.queueJob.count({ where: { eventId: pending.id } })).toBe(0);
    expect(await store.db.event.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: "discarded",
      outcome: "discarded",
    });
    expect(
      await store.db.entityVersion.count({ where: { integrationId: shop.integrationId, entityKey: entity } }),
    ).toBe(0);
    expect(await findEverywhere(store, entity)).toEqual([]);
    // Nothing left to find: a second look counts none.
    expect((await preview({ match: "entity_key", value: entity })).body).toMatchObject({ count: 0, held: 0 });

    // By an identifier: the correlation id a caller sent.
    const correlation = `corr-${tag}-4711`;
    const res = await ingest(shop.slug, order(`K-${tag}`, 1), {
      key: shop.key,
      headers: { "x-correlation-id": correlation },
    });
    expect(res.status).toBe(202);
    await waitForEvent(ctx, res.body.id!, (e) => e.status === "succeeded");
    expect((await preview({ match: "identifier", value: correlation })).body).toMatchObject({ count: 1 });
    await erase({ match: "identifier", value: correlation, expectedCount: 1, reference: "ticket 7782" });
    expect(await findEverywhere(store, correlation)).toEqual([]);
    expect(await findEverywhere(store, `K-${tag}`)).toEqual([]);
  });

  it("more records than one erasure may cover are refused before anything changes: erase one integration at a time", async () => {
    const shop = await makeRelay(ctx, sink.url);
    const at = new Date();
    const entity = `BIG-${Math.random().toString(36).slice(2, 7)}`;
    await store.db.event.createMany({
      data: Array.from({ length: MAX_ERASED + 1 }, (_, i) => ({
        integrationId: shop.integrationId,
        idempotencyKey: `${entity}:${i}`,
        fingerprint: "f",
        correlationId: `c-${i}`,
        entityKey: entity,
        payload: { note: "big" },
        status: "succeeded" as const,
        receivedAt: at,
        updatedAt: at,
      })),
    });
    const seen = await preview({ match: "entity_key", value: entity });
    expect(seen).toMatchObject({ status: 422, body: { error: { code: "erasure_too_large" } } });
    const refused = await erase({
      match: "entity_key",
      value: entity,
      expectedCount: MAX_ERASED,
      reference: "DSR-big",
    });
    expect(refused.status).toBe(422);
    expect(await store.db.event.count({ where: { integrationId: shop.integrationId, erasedAt: { not: null } } })).toBe(
      0,
    );
  });
});
