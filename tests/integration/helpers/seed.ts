// Rows written straight into the store, for tests that need a known history
// (KPIs, alerts) without driving the whole pipeline.
import type { Store } from "@/lib/db/client";

let seq = 0;

export interface SeedEvent {
  received: Date;
  status: string;
  completed?: Date;
  firstFailed?: Date;
  outcome?: string;
  source?: string;
  updated?: Date;
}

export async function seedEvent(store: Store, integrationId: string, o: SeedEvent) {
  seq++;
  return store.db.event.create({
    data: {
      integrationId,
      idempotencyKey: `seed-${process.pid}-${seq}`,
      fingerprint: "f",
      correlationId: `c${seq}`,
      payload: {},
      status: o.status as "succeeded",
      outcome: (o.outcome ?? null) as "success" | null,
      source: o.source ?? "relay",
      receivedAt: o.received,
      completedAt: o.completed ?? null,
      firstFailedAt: o.firstFailed ?? null,
      updatedAt: o.updated ?? o.completed ?? o.received,
    },
  });
}

export async function seedException(
  store: Store,
  integrationId: string,
  eventId: string,
  o: { opened: Date; resolved?: Date; dueAt?: Date; reason?: string },
) {
  return store.db.exception.create({
    data: {
      integrationId,
      eventId,
      category: "permanent",
      reason: o.reason ?? "http_404",
      signature: "s",
      status: o.resolved ? "resolved" : "open",
      openedAt: o.opened,
      dueAt: o.dueAt ?? new Date(o.opened.getTime() + 3_600_000),
      resolvedAt: o.resolved ?? null,
      resolution: o.resolved ? "replayed" : null,
      openForEventId: o.resolved ? null : eventId,
    },
  });
}
