// Two weeks of past traffic for the demo, so the KPI dashboard has a story to
// tell (failures falling as the team fixes things) and a previous period to
// compare with. Written once, straight into the store, with realistic journeys:
// stages, duplicates, exceptions (most resolved by people, some by retries),
// and the manual actions behind them. Deterministic (seeded random).
import type { Ctx } from "../../lib/core/context";
import type { Store } from "../../lib/db/client";
import { recordEventKeys } from "../../lib/db/event-keys";
import { newId } from "../../lib/db/ids";

const DAYS = 14;
const HOUR = 3_600_000;

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Shape {
  slug: string;
  source: "relay" | "tracked";
  perHour: number;
  payload: (n: number, at: Date) => unknown;
}

const SHAPES: Shape[] = [
  {
    slug: "shop-orders-to-erp",
    source: "relay",
    perHour: 9,
    payload: (n) => ({
      order: {
        id: `SO-H${n}`,
        version: 1,
        customerEmail: `customer${n % 50}@example.com`,
        total: (n * 37) % 500,
        currency: "EUR",
      },
    }),
  },
  {
    slug: "crm-contacts-to-marketing",
    source: "relay",
    perHour: 6,
    payload: (n, at) => ({ contactId: `C-H${n}`, email: `contact${n % 80}@example.com`, updatedAt: at.toISOString() }),
  },
  {
    slug: "invoice-approval-workflow",
    source: "tracked",
    perHour: 3,
    payload: (n) => ({ invoice: `INV-H${n}`, amount: (n * 53) % 2_000 }),
  },
];

/** Backfill unless some history is already there (the demo may be restarted). */
export async function backfillDemoHistory(ctx: Ctx, store: Store): Promise<number> {
  const now = ctx.now();
  const start = new Date(Math.floor(now.getTime() / HOUR) * HOUR - DAYS * 24 * HOUR);
  if (
    await store.db.event.findFirst({
      where: { receivedAt: { lt: new Date(now.getTime() - 2 * HOUR) } },
      select: { id: true },
    })
  )
    return 0;
  const ops = await store.db.user.findFirst({ where: { role: "ops" } });
  const random = mulberry32(20261129);
  let n = 0;
  for (const shape of SHAPES) {
    const integration = await ctx.repos.integrations.findBySlug(shape.slug);
    if (!integration) continue;
    const events: object[] = [];
    const stages: object[] = [];
    const duplicates: object[] = [];
    const exceptions: object[] = [];
    const audits: object[] = [];
    for (let h = start.getTime(); h < now.getTime() - HOUR; h += HOUR) {
      const hourOfDay = new Date(h).getUTCHours();
      const busy = hourOfDay >= 7 && hourOfDay <= 19 ? 1.6 : 0.4;
      const progress = (h - start.getTime()) / (DAYS * 24 * HOUR); // 0 → 1 over the fortnight
      const failP = 0.07 - 0.05 * progress; // failures fall from 7 % to 2 %
      const count = Math.round(shape.perHour * busy * (0.7 + random() * 0.6));
      for (let k = 0; k < count; k++) {
        const received = new Date(h + Math.floor(random() * HOUR));
        const id = newId(received.getTime());
        const roll = random();
        const lagMs = 150 + Math.floor(random() ** 3 * 20_000);
        const firstFailed = roll < failP * 2.5 ? new Date(received.getTime() + 200) : null;
        const failed = roll < failP;
        const completedAt = new Date(
          received.getTime() + (firstFailed && !failed ? lagMs + 30_000 + random() * 120_000 : lagMs),
        );
        n++;
        events.push({
          id,
          integrationId: integration.id,
          idempotencyKey: `history-${n}`,
          fingerprint: `fp-${n}`,
          correlationId: `hist-${n}`,
          payload: shape.payload(n, received),
          status: failed ? "failed" : "succeeded",
          outcome: failed ? "failed" : "success",
          attempts: failed ? 4 : firstFailed ? 2 : 1,
          source: shape.source,
          receivedAt: received,
          firstFailedAt: firstFailed,
          completedAt,
          updatedAt: completedAt,
        });
        stages.push({
          id: `${id}_r`,
          eventId: id,
          stage: "received",
          attempt: 1,
          status: "succeeded",
          startedAt: received,
          endedAt: received,
          durationMs: 0,
        });
        if (shape.source === "relay") {
          const duration = 40 + Math.floor(random() ** 2 * 900);
          stages.push({
            id: `${id}_d`,
            eventId: id,
            stage: "delivered",
            attempt: 1,
            status: failed || firstFailed ? "failed" : "succeeded",
            startedAt: new Date(received.getTime() + 100),
            endedAt: new Date(received.getTime() + 100 + duration),
            durationMs: duration,
            responseStatus: failed || firstFailed ? 503 : 200,
          });
        }
        if (random() < 0.03)
          duplicates.push({
            id: `${id}_dup`,
            eventId: id,
            integrationId: integration.id,
            kind: "duplicate",
            fingerprint: `fp-${n}`,
            receivedAt: new Date(received.getTime() + 5_000),
          });
        if (failed) {
          const resolved = completedAt.getTime() < now.getTime() - 6 * HOUR && random() < 0.85;
          const resolvedAt = new Date(completedAt.getTime() + (10 + random() ** 2 * 600) * 60_000);
          const xid = `${id}_x`;
          exceptions.push({
            id: xid,
            eventId: id,
            integrationId: integration.id,
            category: "transient",
            reason: "http_503",
            signature: "http_503:service unavailable",
            message: "The target answered 503 Service Unavailable after 4 attempts.",
            status: resolved ? "resolved" : "open",
            assigneeId: ops?.id ?? null,
            openedAt: completedAt,
            dueAt: new Date(completedAt.getTime() + integration.slaMinutes * 60_000),
            resolvedAt: resolved ? resolvedAt : null,
            resolution: resolved ? "retried" : null,
            openForEventId: resolved ? null : id,
          });
          if (resolved && ops) {
            audits.push({
              id: `${xid}_a1`,
              at: new Date(completedAt.getTime() + 5 * 60_000),
              actorId: ops.id,
              actorLabel: ops.email,
              action: "exception.assign",
              objectType: "exception",
              objectId: xid,
            });
            audits.push({
              id: `${xid}_a2`,
              at: resolvedAt,
              actorId: ops.id,
              actorLabel: ops.email,
              action: random() < 0.7 ? "exception.retry" : "exception.replay",
              objectType: "exception",
              objectId: xid,
              reason: "target back up",
            });
          }
        }
      }
    }
    await store.db.$transaction([
      store.db.event.createMany({ data: events as never }),
      store.db.stageRun.createMany({ data: stages as never }),
      store.db.duplicateArrival.createMany({ data: duplicates as never }),
      store.db.exception.createMany({ data: exceptions as never }),
      store.db.auditEntry.createMany({ data: audits as never }),
    ]);
    const keys = events as { id: string; integrationId: string; idempotencyKey: string }[];
    await recordEventKeys(
      store.db,
      store.provider,
      keys.map((e) => ({ ...e, eventId: e.id })),
    );
  }
  return n;
}
