// Recording an arriving event, shared by relay ingest and tracked reporting.
// The event, its first stage runs, the version guard, its exception or delivery
// job are written in ONE atomic store call before anyone is told "accepted".
// Duplicates are decided by the unique (integration, idempotency key)
// constraint (INSERT … ON CONFLICT DO NOTHING), never by a read first.
import type { Ctx } from "../context";
import { DomainError, type Issue } from "../errors";
import type { EventSource, EventStatus, NewStage } from "../events/types";
import type { Integration } from "../integrations/types";

export interface Arrival {
  integration: Integration;
  contractVersionId: string | null;
  source: EventSource;
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

export interface ArrivalAnswer {
  duplicate: boolean;
  id: string;
  status: EventStatus;
  correlationId: string;
}

export function slaDue(integration: Integration, from: Date): Date {
  return new Date(from.getTime() + integration.slaMinutes * 60_000);
}

/** The stage list with the version guard's verdict placed after deduplication. */
function withGuardStage(stages: NewStage[], won: boolean, a: Arrival): NewStage[] {
  const out = won ? [...stages] : stages.filter((s) => s.stage !== "mapped");
  const after = out.findIndex((s) => s.stage === "deduplicated");
  const at = out[after]?.startedAt ?? out[0]!.startedAt;
  out.splice(after + 1, 0, {
    stage: "version_checked",
    status: won ? "succeeded" : "skipped",
    startedAt: at,
    endedAt: at,
    durationMs: 0,
    error: won
      ? null
      : `Not delivered: version ${a.entityVersion} of ${a.entityKey} is not newer than one already accepted.`,
  });
  return out;
}

/**
 * @returns the new event (status received / rejected / stale), or the original on a duplicate
 * @throws DomainError 422 `idempotency_key_conflict` (same key, other payload; recorded and counted)
 */
export async function acceptEvent(ctx: Ctx, arrival: Arrival): Promise<ArrivalAnswer> {
  // An erased record keeps its key only as a keyed hash: an arrival sent again is still its duplicate (one indexed
  // read, only in integrations that had an erasure).
  const erasedKey =
    arrival.integration.erasedAt && (await ctx.repos.erasure.erasedKey(arrival.integration.id, arrival.idempotencyKey));
  const a = erasedKey ? { ...arrival, idempotencyKey: erasedKey } : arrival;
  const now = ctx.now();
  const rejected = a.issues.length > 0;
  const guard =
    !rejected && a.guardVersion !== null && a.entityKey !== null
      ? { entityKey: a.entityKey, version: a.guardVersion }
      : null;
  const first = a.issues[0];
  const result = await ctx.repos.ingest.recordArrival(
    {
      event: {
        integrationId: a.integration.id,
        idempotencyKey: a.idempotencyKey,
        fingerprint: a.fingerprint,
        correlationId: a.correlationId,
        traceId: a.traceId,
        entityKey: a.entityKey,
        entityVersion: a.entityVersion,
        payload: a.payload,
        deliveryPayload: rejected ? null : a.deliveryPayload,
        status: rejected ? "rejected" : "received",
        outcome: null,
        contractVersionId: a.contractVersionId,
        source: a.source,
        occurredAt: a.occurredAt,
        receivedAt: now,
      },
      guard,
      stages: guard ? withGuardStage(a.stages, true, a) : a.stages,
      staleStages: guard ? withGuardStage(a.stages, false, a) : [],
      exception: first
        ? {
            integrationId: a.integration.id,
            category: "validation",
            reason: "contract_violation",
            message: `${first.path || "/"} ${first.message}${a.issues.length > 1 ? ` (+${a.issues.length - 1} more)` : ""}`,
            assigneeId: a.integration.owners.triage,
            openedAt: now,
            dueAt: slaDue(a.integration, now),
          }
        : null,
      deliver: a.enqueueDelivery && !rejected,
    },
    now,
  );
  if (result.inserted)
    return { duplicate: false, id: result.id, status: result.status, correlationId: a.correlationId };

  const outcome = await ctx.transaction(async (tx) => {
    const original = await tx.repos.events.findByKey(a.integration.id, a.idempotencyKey);
    if (!original) throw new Error("duplicate key reported but the original event is missing");
    const same = original.fingerprint === a.fingerprint;
    await tx.repos.events.recordArrival(original, {
      kind: same ? "duplicate" : "conflict",
      fingerprint: a.fingerprint,
      payload: same ? undefined : a.payload,
      at: tx.now(),
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
  return {
    duplicate: true,
    id: outcome.original.id,
    status: outcome.original.status,
    correlationId: outcome.original.correlationId,
  };
}
