// Replay an exception's event with a corrected payload. The correction is
// validated against the current contract first; the original stays on the
// event and every replayed payload is kept beside it.
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import { applyMapping } from "../contracts/apply";
import { actorId, type Ctx } from "../context";
import { DomainError, invalidState } from "../errors";
import { contractIssues } from "../ingest/ingest-record";
import { parseInput } from "../parse";
import { byWhom, loadOpen, requeue, RETRYABLE } from "./common";
import { ZReplay, type TMoved } from "./schemas";

/**
 * @throws 422 contract_violation (nothing changes) when the corrected payload breaks the contract;
 *   409 invalid_state when the exception is closed or the event is already being worked on
 */
export async function replayException({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: { payload: unknown };
}): Promise<TMoved & { replayId: string }> {
  authorize(ctx, "exceptions.act");
  const { payload } = parseInput(ZReplay, input);
  return ctx.transaction(async (tx) => {
    const { exception, event, integration } = await loadOpen(tx, id);
    const contract = await tx.repos.contracts.current(integration.id);
    const issues = contractIssues(contract, payload);
    if (issues.length)
      throw new DomainError(
        "unprocessable",
        "contract_violation",
        "The corrected record still breaks the contract; nothing was sent.",
        issues,
      );
    if (!RETRYABLE.includes(event.status as (typeof RETRYABLE)[number]))
      throw invalidState(`The event is ${event.status}: it is already being worked on or has ended.`);
    const now = tx.now();
    const deliveryPayload = applyMapping(contract?.mapping ?? null, payload);
    const moved = await tx.repos.events.transition(
      event.id,
      RETRYABLE,
      {
        status: "processing",
        outcome: null,
        completedAt: null,
        deliveryPayload,
        contractVersionId: contract?.id ?? null,
      },
      now,
    );
    if (!moved) throw invalidState("The event changed meanwhile; look again.");
    const replay = await tx.repos.events.addReplay(event.id, {
      payload,
      deliveryPayload,
      actorId: actorId(tx.actor),
      at: now,
    });
    await tx.repos.events.addStages(event.id, [
      {
        stage: "replay_requested_by_operator",
        status: "succeeded",
        startedAt: now,
        endedAt: now,
        durationMs: 0,
        detail: { by: byWhom(tx), replayId: replay.id, contractVersion: contract?.version ?? null },
      },
    ]);
    await requeue(tx, event, {
      resolution: "replayed",
      replayPayload: event.source === "tracked" ? payload : undefined,
    });
    await audit(tx, {
      action: "exception.replay",
      objectType: "exception",
      objectId: exception.id,
      before: { payload: event.payload },
      after: { payload, replayId: replay.id },
    });
    return { id: exception.id, eventId: event.id, eventStatus: "processing" as const, replayId: replay.id };
  });
}
