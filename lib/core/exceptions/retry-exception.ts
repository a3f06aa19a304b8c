// Retry an exception's event with its stored payload: relay events are
// delivered again, tracked events ask the workflow to run again through the
// integration's replay webhook. The exception stays open until that succeeds.
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { invalidState } from "../errors";
import { byWhom, loadOpen, requeue } from "./common";
import type { TMoved } from "./schemas";

/**
 * At most once per state: the failed → processing transition is conditional,
 * so a second retry of the same item (e.g. the same bulk action twice) is refused.
 * @throws 404; 409 invalid_state when the exception is closed, the event is not
 *   failed (already being retried), or it was rejected by the contract
 */
export async function retryException({ ctx, id, reason }: { ctx: Ctx; id: string; reason?: string }): Promise<TMoved> {
  authorize(ctx, "exceptions.act");
  return ctx.transaction(async (tx) => {
    const { exception, event } = await loadOpen(tx, id);
    if (event.source === "reconciliation")
      throw invalidState(
        "Signalbox never received this record: ask the source to send it again (or replay it here with the record), then resolve.",
      );
    if (event.status === "rejected") {
      throw invalidState(
        "The stored record breaks the contract; replay it with a corrected payload, or re-run it with the current contract.",
      );
    }
    const now = tx.now();
    // Reconciliation found a delivered record missing in the target: sending it again is the retry.
    const from = exception.reason.startsWith("reconciliation_")
      ? (["failed", "succeeded"] as const)
      : (["failed"] as const);
    const moved = await tx.repos.events.transition(
      event.id,
      from,
      { status: "processing", outcome: null, completedAt: null },
      now,
    );
    if (!moved)
      throw invalidState(`The event is ${event.status}, not failed: it is already being retried or has ended.`);
    await requeue(tx, event, { resolution: "retried" });
    await tx.repos.events.addStages(event.id, [
      {
        stage: "retry_requested",
        status: "succeeded",
        startedAt: now,
        endedAt: now,
        durationMs: 0,
        detail: { by: byWhom(tx), reason: reason ?? null },
      },
    ]);
    await audit(tx, {
      action: "exception.retry",
      objectType: "exception",
      objectId: exception.id,
      reason: reason ?? null,
      before: { eventStatus: event.status },
      after: { eventStatus: "processing" },
    });
    return { id: exception.id, eventId: event.id, eventStatus: "processing" as const };
  });
}
