// Retention on PostgreSQL (issue 13): a day whose records have all expired goes by dropping its partitions — events,
// stages, duplicate arrivals, replays — not by deleting rows. What must stay (a legal hold, an open exception) is
// moved out first and stays readable; the removed records' keys go with them (a resent webhook is new again), the
// kept ones' stay (still a duplicate). A day that holds an integration keeping its records longer is not dropped.
import { beforeAll, describe, expect, it } from "vitest";
import * as eventRoutes from "@/app/api/v1/events/[id]/route";
import type { Ctx } from "@/lib/core/context";
import { resolveException } from "@/lib/core/exceptions/close-exception";
import { expireRetention, setLegalHold, setRetention } from "@/lib/core/retention/retention";
import type { Store } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { dayOf, PARTITIONED, partitionName } from "@/lib/db/partitions";
import { call, tokensByRole, type Handler } from "./helpers/api";
import { ingest, makeRelay, order, waitForEvent, type Relay } from "./helpers/pipeline";
import type { Sink } from "./helpers/sink";
import { pipelineSuite } from "./helpers/suite";

let store: Store;
let ctx: Ctx;
let sink: Sink;
const DAY = 86_400_000;

const suite = pipelineSuite();
beforeAll(async () => {
  ({ store, ctx, sink } = suite);
});

/** Ingest one order and wait until it settles. */
async function settled(relay: Relay, id: string, statuses = ["succeeded"]) {
  const res = await ingest(relay.slug, order(id), { key: relay.key });
  expect(res.status).toBe(202);
  return (await waitForEvent(ctx, res.body.id!, (e) => statuses.includes(e.status))).id;
}

/** Move a settled event and every row of it to `at`, as if it had arrived then: its id is of that time. */
async function arrivedAt(eventId: string, at: Date): Promise<string> {
  const id = newId(at.getTime());
  const move = (sql: string) => store.db.$executeRawUnsafe(sql, eventId, id);
  await store.db.$executeRawUnsafe(
    `UPDATE "Event" SET "id" = $2, "receivedAt" = $3::timestamp WHERE "id" = $1`,
    eventId,
    id,
    at.toISOString().replace("Z", ""),
  );
  for (const table of ["StageRun", "DuplicateArrival", "EventReplay", "Exception", "EventKey", "QueueJob"])
    await move(`UPDATE "${table}" SET "eventId" = $2 WHERE "eventId" = $1`);
  await move(`UPDATE "Exception" SET "openForEventId" = $2 WHERE "openForEventId" = $1`);
  return id;
}

const partitionOf = async (id: string) =>
  (
    await store.db.$queryRawUnsafe<{ p: string }[]>(
      `SELECT relname::text AS p FROM "Event" e JOIN pg_class c ON c.oid = e.tableoid WHERE e.id = $1`,
      id,
    )
  )[0]?.p;

const tablesOfDay = async (name: string) =>
  (
    await store.db.$queryRawUnsafe<{ t: string }[]>(
      `SELECT relname::text AS t FROM pg_class WHERE relname = ANY($1::text[]) ORDER BY 1`,
      PARTITIONED.map(([t]) => `${t}_p${name}`),
    )
  ).map((r) => r.t);

describe("retention by day (PostgreSQL partitions)", () => {
  it("a day whose records have all expired is dropped whole; held and open events move out and stay readable; keys go with their records", async () => {
    const relay = await makeRelay(ctx, sink.url);
    const day = dayOf(Date.now() - 40 * DAY);
    await ctx.repos.retention.prepareDays(day.start);
    const noon = new Date(day.start.getTime() + 12 * 3_600_000);

    sink.script({ status: 200, body: "{}" });
    const a1 = await settled(relay, "DD-A1");
    expect((await ingest(relay.slug, order("DD-A1"), { key: relay.key })).body).toMatchObject({ duplicate: true });
    const b = await settled(relay, "DD-B");
    sink.script({ status: 422, body: "{}" });
    const a2 = await settled(relay, "DD-A2", ["failed"]); // its exception is resolved below: it goes, and so does that
    sink.script({ status: 422, body: "{}" });
    const c = await settled(relay, "DD-C", ["failed"]);
    const [A1, A2, B, C] = [
      await arrivedAt(a1, noon),
      await arrivedAt(a2, noon),
      await arrivedAt(b, noon),
      await arrivedAt(c, noon),
    ];
    await setLegalHold({ ctx, eventId: B, input: { hold: true, reason: "case 2026-201" } });
    const resolved = await store.db.exception.findFirstOrThrow({ where: { eventId: A2, status: "open" } });
    await resolveException({ ctx, id: resolved.id, input: { note: "keyed into the ERP by hand" } });
    for (const id of [A1, A2, B, C]) expect(await partitionOf(id)).toBe(partitionName("Event", day));
    expect(await tablesOfDay(day.name)).toHaveLength(4);
    expect(await store.db.duplicateArrival.count({ where: { eventId: A1 } })).toBe(1);
    const stagesOfC = await store.db.stageRun.count({ where: { eventId: C } });

    await setRetention({ ctx, input: { defaults: { payloadDays: 10, recordDays: 30, auditDays: 365 } } });
    const pass = await expireRetention(ctx);

    // The day's four partitions are gone: dropped, not emptied (so are the empty days created after it).
    expect(pass.days).toContain(day.name);
    expect(pass.integrations[relay.slug]).toMatchObject({ records: 2 });
    expect(await tablesOfDay(day.name)).toEqual([]);
    const entry = await store.db.auditEntry.findFirstOrThrow({ where: { action: "retention.expired" } });
    expect(entry.after).toMatchObject({ days: expect.arrayContaining([day.name]), records: 2 });
    expect(await store.db.event.count({ where: { id: { in: [A1, A2] } } })).toBe(0);
    expect(await store.db.stageRun.count({ where: { eventId: { in: [A1, A2] } } })).toBe(0);
    expect(await store.db.duplicateArrival.count({ where: { eventId: A1 } })).toBe(0);
    expect(await store.db.exception.count({ where: { eventId: { in: [A1, A2] } } })).toBe(0);
    expect(await store.db.exception.count({ where: { id: resolved.id } })).toBe(0);

    // Held and open: moved out whole, readable as before.
    for (const id of [B, C]) expect(await partitionOf(id)).toBe("Event_default");
    expect(await store.db.stageRun.count({ where: { eventId: C } })).toBe(stagesOfC);
    expect(await store.db.exception.count({ where: { eventId: C, status: "open" } })).toBe(1);
    const { tokens } = await tokensByRole(store, ctx, "days");
    const detail = await call(eventRoutes.GET as Handler, { token: tokens.manager, params: { id: C } });
    expect(detail.status).toBe(200);

    // Keys: a removed record's webhook is new again; a kept one's is still its duplicate.
    sink.script({ status: 200, body: "{}" });
    const again = await ingest(relay.slug, order("DD-A1"), { key: relay.key });
    expect(again).toMatchObject({ status: 202, body: { duplicate: false } });
    expect(await ingest(relay.slug, order("DD-B"), { key: relay.key })).toMatchObject({
      status: 200,
      body: { id: B, duplicate: true },
    });
  });

  it("a day holding an integration that keeps its records longer stays; the others' records there go in batches", async () => {
    const short = await makeRelay(ctx, sink.url);
    const long = await makeRelay(ctx, sink.url);
    const day = dayOf(Date.now() - 50 * DAY);
    await ctx.repos.retention.prepareDays(day.start);
    const at = new Date(day.start.getTime() + 3_600_000);
    sink.script({ status: 200, body: "{}" });
    const s = await arrivedAt(await settled(short, "DK-S"), at);
    const l = await arrivedAt(await settled(long, "DK-L"), at);

    await setRetention({
      ctx,
      input: {
        defaults: { payloadDays: 10, recordDays: 30, auditDays: 365 },
        integrations: { [long.integrationId]: { recordDays: 400 } },
      },
    });
    const pass = await expireRetention(ctx);
    expect(pass.days ?? []).not.toContain(day.name);
    expect(pass.integrations[short.slug]).toMatchObject({ records: 1 });
    expect(await store.db.event.count({ where: { id: s } })).toBe(0);
    expect(await partitionOf(l)).toBe(partitionName("Event", day));
    expect(await tablesOfDay(day.name)).toHaveLength(4);
  });
});
