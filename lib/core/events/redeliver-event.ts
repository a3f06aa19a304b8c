// Admins may send any relay event again — even a succeeded one — with a reason
// (the target lost it, a fix needs the record again). Audited.
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import { applyMapping } from "../contracts/apply";
import type { Ctx } from "../context";
import { invalidState, notFound } from "../errors";
import { byWhom, requeue } from "../exceptions/common";
import { parseInput } from "../parse";
import { ZRedeliver } from "../exceptions/schemas";
import type { TRedelivered } from "./schemas";

const ENDED = ["succeeded", "failed", "overridden", "discarded", "stale"] as const;

/** @throws 404; 409 invalid_state while a delivery is already under way, or for rejected / tracked events */
export async function redeliverEvent({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: { reason: string };
}): Promise<TRedelivered> {
  authorize(ctx, "events.redeliver");
  const { reason } = parseInput(ZRedeliver, input);
  return ctx.transaction(async (tx) => {
    const event = await tx.repos.events.findById(id);
    if (!event) throw notFound("Event");
    if (event.source !== "relay")
      throw invalidState("Tracked events run elsewhere; retry their exception to call the replay webhook.");
    if (event.status === "rejected")
      throw invalidState("This record breaks the contract; replay it from its exception with a corrected payload.");
    const now = tx.now();
    const contract = event.contractVersionId ? await tx.repos.contracts.findById(event.contractVersionId) : null;
    const body = event.deliveryPayload ?? applyMapping(contract?.mapping ?? null, event.payload);
    const moved = await tx.repos.events.transition(
      event.id,
      ENDED,
      { status: "processing", outcome: null, completedAt: null, deliveryPayload: body },
      now,
    );
    if (!moved) throw invalidState(`The event is ${event.status}: a delivery is already under way.`);
    await requeue(tx, event, { resolution: "retried" });
    await tx.repos.events.addStages(event.id, [
      {
        stage: "redelivery_requested",
        status: "succeeded",
        startedAt: now,
        endedAt: now,
        durationMs: 0,
        detail: { by: byWhom(tx), reason },
      },
    ]);
    await audit(tx, {
      action: "event.redeliver",
      objectType: "event",
      objectId: event.id,
      reason,
      before: { status: event.status },
      after: { status: "processing" },
    });
    return { id: event.id, status: "processing" as const };
  });
}
