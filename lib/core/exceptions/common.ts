// What every action on an exception starts with, and how work is handed back to the worker.
import type { Ctx } from "../context";
import type { JobIntent } from "../delivery/process-job";
import { invalidState, notFound } from "../errors";
import type { EventRecord } from "../events/types";
import type { Integration } from "../integrations/types";
import type { ExceptionRecord } from "./types";

export interface OpenItem {
  exception: ExceptionRecord;
  event: EventRecord;
  integration: Integration;
}

/** @throws 404 when unknown; 409 invalid_state when the exception is resolved or ignored */
export async function loadOpen(tx: Ctx, id: string): Promise<OpenItem> {
  const exception = await tx.repos.exceptions.findById(id);
  if (!exception) throw notFound("Exception");
  if (exception.status !== "open") throw invalidState(`This exception is already ${exception.status}.`);
  const event = await tx.repos.events.findById(exception.eventId);
  const integration = event ? await tx.repos.integrations.findById(event.integrationId) : null;
  if (!event || !integration) throw notFound("Event");
  return { exception, event, integration };
}

export function byWhom(tx: Ctx): string {
  return tx.actor.kind === "user" ? tx.actor.email : tx.actor.label;
}

/** Queue the event's next delivery (relay) or replay-webhook call (tracked); a fresh round of the retry policy. */
export async function requeue(
  tx: Ctx,
  event: EventRecord,
  intent: Omit<NonNullable<JobIntent>, "requestedAt" | "attemptBase">,
): Promise<void> {
  const now = tx.now();
  await tx.repos.queue.enqueue({
    kind: event.source === "tracked" ? "replay_webhook" : "deliver",
    integrationId: event.integrationId,
    eventId: event.id,
    dedupeKey: `deliver:${event.id}`,
    payload: { ...intent, requestedAt: now.toISOString(), attemptBase: event.attempts },
    runAt: now,
  });
}

export const RETRYABLE = ["failed", "rejected"] as const;
