// Closing an exception by hand: resolve (someone handled the record outside
// Signalbox — manual override) or discard (the record can be dropped). Both
// end the event and cancel any delivery still queued for it.
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { invalidState } from "../errors";
import { parseInput } from "../parse";
import { loadOpen } from "./common";
import { ZDiscard, ZResolve, type TClosed } from "./schemas";

const HOW = {
  resolve: {
    status: "resolved",
    resolution: "manual_override",
    eventStatus: "overridden",
    outcome: "manual_override",
    action: "exception.resolve",
  },
  discard: {
    status: "ignored",
    resolution: "discarded",
    eventStatus: "discarded",
    outcome: "discarded",
    action: "exception.discard",
  },
} as const;

async function closeException(ctx: Ctx, id: string, how: keyof typeof HOW, text: string) {
  const h = HOW[how];
  return ctx.transaction(async (tx) => {
    const { exception, event } = await loadOpen(tx, id);
    const now = tx.now();
    const closed = await tx.repos.exceptions.close(exception.id, {
      status: h.status,
      resolution: h.resolution,
      note: text,
      at: now,
    });
    if (!closed) throw invalidState("This exception was closed meanwhile.");
    await tx.repos.events.transition(
      event.id,
      null,
      { status: h.eventStatus, outcome: h.outcome, completedAt: now },
      now,
    );
    await tx.repos.queue.deleteForEvent(event.id, "deliver");
    await tx.repos.queue.deleteForEvent(event.id, "replay_webhook");
    await audit(tx, {
      action: h.action,
      objectType: "exception",
      objectId: exception.id,
      reason: text,
      before: { status: "open", eventStatus: event.status },
      after: { status: h.status, resolution: h.resolution, eventStatus: h.eventStatus },
    });
    return {
      id: exception.id,
      eventId: event.id,
      status: h.status,
      resolution: h.resolution,
      eventStatus: h.eventStatus,
    };
  });
}

/** Manual override: the record was handled by a person outside Signalbox. @throws 400 without a note; 409 when not open */
export async function resolveException({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: { note: string };
}): Promise<TClosed> {
  authorize(ctx, "exceptions.act");
  return closeException(ctx, id, "resolve", parseInput(ZResolve, input).note);
}

/** Drop the record, with a reason. @throws 400 without a reason; 409 when not open */
export async function discardException({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: { reason: string };
}): Promise<TClosed> {
  authorize(ctx, "exceptions.act");
  return closeException(ctx, id, "discard", parseInput(ZDiscard, input).reason);
}
