// Recording an arriving event, shared by relay ingest and tracked reporting.
// The event, its first stage runs, its exception or delivery job are written
// in ONE transaction before anyone is told "accepted". Duplicates are decided
// by the unique (integration, idempotency key) constraint, never by a read first.
import type { Ctx } from "../context";
import { DomainError, DuplicateKeyError, type Issue } from "../errors";
import type { EventRecord, EventStatus, NewStage } from "../events/types";
import type { Integration } from "../integrations/types";

export interface Arrival {
  integration: Integration;
  contractVersionId: string | null;
  source: "relay" | "tracked";
  payload: unknown;
  fingerprint: string;
  idempotencyKey: string;
  correlationId: string;
  traceId: string | null;
  entityKey: string | null;
  entityVersion: string | null;
  /** numeric version for the guard; null = no guard */
  guardVersion: number | null;
  occurredAt: Date | null;
  /** contract problems: the event is recorded `rejected` with a validation exception */
  issues: Issue[];
  deliveryPayload: unknown;
  /** stage runs written with the event (received, validated, …) */
  stages: NewStage[];
  /** relay events get a delivery job; tracked events wait for their reports */
  enqueueDelivery: boolean;
}

export type ArrivalAnswer =
  | { duplicate: false; event: EventRecord }
  | { duplicate: true; event: EventRecord };

export function slaDue(integration: Integration, from: Date): Date {
  return new Date(from.getTime() + integration.slaMinutes * 60_000);
}

/**
 * @returns the new event (status received / rejected / stale), or the original on a duplicate
 * @throws DomainError 422 `idempotency_key_conflict` (same key, other payload; recorded and counted)
 */
export async function acceptEvent(ctx: Ctx, a: Arrival): Promise<ArrivalAnswer> {
  try {
    const event = await ctx.transaction((tx) => recordNew(tx, a));
    return { duplicate: false, event };
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
  }
  const outcome = await ctx.transaction(async (tx) => {
    const original = await tx.repos.events.findByKey(a.integration.id, a.idempotencyKey);
    if (!original) throw new Error("duplicate key reported but the original event is missing");
    const now = tx.now();
    const same = original.fingerprint === a.fingerprint;
    await tx.repos.events.recordArrival(original, {
      kind: same ? "duplicate" : "conflict",
      fingerprint: a.fingerprint,
      payload: same ? undefined : a.payload,
      at: now,
    });
    return { same, original };
  });
  // The conflicting arrival is committed above; only then is the caller told no.
  if (!outcome.same) {
    throw new DomainError(
      "unprocessable",
      "idempotency_key_conflict",
      "This idempotency key was already used for a different record; nothing was processed.",
      undefined,
      { id: outcome.original.id },
    );
  }
  return { duplicate: true, event: { ...outcome.original, duplicateCount: outcome.original.duplicateCount + 1 } };
}

async function recordNew(tx: Ctx, a: Arrival): Promise<EventRecord> {
  const now = tx.now();
  const rejected = a.issues.length > 0;
  let status: EventStatus = rejected ? "rejected" : "received";
  const event = await tx.repos.events.create(
    {
      integrationId: a.integration.id,
      idempotencyKey: a.idempotencyKey,
      fingerprint: a.fingerprint,
      correlationId: a.correlationId,
      traceId: a.traceId,
      entityKey: a.entityKey,
      entityVersion: a.entityVersion,
      payload: a.payload,
      deliveryPayload: rejected ? null : a.deliveryPayload,
      status,
      outcome: null,
      contractVersionId: a.contractVersionId,
      source: a.source,
      occurredAt: a.occurredAt,
      receivedAt: now,
    },
    now,
  );
  const stages = [...a.stages];
  if (!rejected && a.guardVersion !== null && a.entityKey !== null) {
    const won = await tx.repos.entities.advance(a.integration.id, a.entityKey, a.guardVersion, event.id, now);
    const after = stages.findIndex((s) => s.stage === "deduplicated");
    const at = stages[after]?.startedAt ?? now;
    stages.splice(after + 1, 0, {
      stage: "version_checked",
      status: won ? "succeeded" : "skipped",
      startedAt: at,
      endedAt: at,
      durationMs: 0,
      error: won ? null : `Not delivered: version ${a.entityVersion} of ${a.entityKey} is not newer than one already accepted.`,
    });
    if (!won) {
      status = "stale";
      await tx.repos.events.transition(event.id, null, { status, outcome: "stale", completedAt: now, deliveryPayload: null }, now);
      await tx.repos.events.addStages(event.id, stages.filter((s) => s.stage !== "mapped"));
      return { ...event, status, outcome: "stale", completedAt: now };
    }
  }
  await tx.repos.events.addStages(event.id, stages);
  if (rejected) {
    const first = a.issues[0]!;
    await tx.repos.exceptions.open({
      eventId: event.id,
      integrationId: a.integration.id,
      category: "validation",
      reason: "contract_violation",
      message: `${first.path || "/"} ${first.message}${a.issues.length > 1 ? ` (+${a.issues.length - 1} more)` : ""}`,
      assigneeId: a.integration.owners.triage,
      openedAt: now,
      dueAt: slaDue(a.integration, now),
    });
  } else if (a.enqueueDelivery) {
    await tx.repos.queue.enqueue({ kind: "deliver", integrationId: a.integration.id, eventId: event.id, dedupeKey: `deliver:${event.id}`, runAt: now });
  }
  return event;
}
