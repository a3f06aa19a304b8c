// Building what leaves Signalbox: headers of API.md §2 and the stage run that records an attempt.
import { traceparentFor } from "../events/identity";
import type { EventRecord, NewStage } from "../events/types";
import { signWebhook } from "../security/webhook-signature";
import type { OutboundResponse } from "./sender";

const RESERVED = new Set(["content-type", "content-length", "idempotency-key", "x-correlation-id", "traceparent", "webhook-id", "webhook-timestamp", "webhook-signature", "host"]);

/** Static headers first, then ours: a configured header can never replace a signature or key. */
export function deliveryHeaders(event: EventRecord, secrets: string[], body: string, at: Date, staticHeaders: Record<string, string> = {}) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(staticHeaders)) if (!RESERVED.has(name.toLowerCase())) headers[name] = value;
  headers["content-type"] = "application/json";
  headers["idempotency-key"] = event.idempotencyKey;
  headers["x-correlation-id"] = event.correlationId;
  headers["traceparent"] = traceparentFor(event.traceId, event.id);
  headers["webhook-id"] = event.id;
  headers["webhook-timestamp"] = String(Math.floor(at.getTime() / 1000));
  if (secrets.length) headers["webhook-signature"] = signWebhook(secrets, event.id, at, body);
  headers["user-agent"] = "Signalbox/1 (+delivery)";
  return headers;
}

export function excerpt(response: OutboundResponse): string | null {
  if (response.errorMessage) return response.errorMessage.slice(0, 500);
  if (response.status !== null && (response.status < 200 || response.status >= 300)) {
    const text = response.body.replace(/\s+/g, " ").trim().slice(0, 500);
    return `HTTP ${response.status}${text ? `: ${text}` : ""}`;
  }
  return null;
}

export function attemptStage(stage: string, attempt: number, startedAt: Date, response: OutboundResponse, category: NewStage["errorCategory"], detail: unknown): NewStage {
  const ok = category === null;
  return {
    stage,
    attempt,
    status: ok ? "succeeded" : "failed",
    startedAt,
    endedAt: new Date(startedAt.getTime() + response.durationMs),
    durationMs: response.durationMs,
    errorCategory: category,
    error: ok ? null : excerpt(response),
    responseStatus: response.status,
    detail,
  };
}
