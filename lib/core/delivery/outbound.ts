// Building what leaves Signalbox: headers of API.md §2 and the stage run that records an attempt.
import { traceparentFor } from "../events/identity";
import type { EventRecord, NewStage } from "../events/types";
import { signWebhook } from "../security/webhook-signature";
import type { OutboundResponse } from "./sender";

const RESERVED = new Set([
  "content-type",
  "content-length",
  "idempotency-key",
  "x-correlation-id",
  "traceparent",
  "webhook-id",
  "webhook-timestamp",
  "webhook-signature",
  "host",
]);

/** Static headers first, then ours: a configured header can never replace a signature or key. */
export function deliveryHeaders(
  event: EventRecord,
  secrets: string[],
  body: string,
  at: Date,
  staticHeaders: Record<string, string> = {},
) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(staticHeaders))
    if (!RESERVED.has(name.toLowerCase())) headers[name] = value;
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

const SHOWN = new Set([
  "content-type",
  "idempotency-key",
  "x-correlation-id",
  "traceparent",
  "webhook-id",
  "webhook-timestamp",
  "user-agent",
]);
const MASK = "••••";
const MAX_DETAIL_HEADERS = 40;
const MAX_HEADER_VALUE = 200;
export const BODY_EXCERPT_BYTES = 2_048;

function capHeaders(headers: Record<string, string>, show: (name: string) => boolean): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .slice(0, MAX_DETAIL_HEADERS)
      .map(([name, value]) => [name, show(name.toLowerCase()) ? value.slice(0, MAX_HEADER_VALUE) : MASK]),
  );
}

/**
 * What the process view shows of one attempt: the headers sent (only ours in
 * clear; configured headers and the signature masked, as they may carry
 * credentials), and the answer's status, headers (cookies masked) and the
 * start of its body. Bounded whatever the target answers.
 */
export function attemptDetail(sent: Record<string, string>, response: OutboundResponse) {
  return {
    request: { headers: capHeaders(sent, (name) => SHOWN.has(name)) },
    response:
      response.status === null
        ? null
        : {
            status: response.status,
            headers: capHeaders(
              response.headers,
              (name) => name !== "set-cookie" && !name.includes("token") && name !== "authorization",
            ),
            body: response.body.slice(0, BODY_EXCERPT_BYTES),
            truncated: response.body.length > BODY_EXCERPT_BYTES,
          },
  };
}

export function excerpt(response: OutboundResponse): string | null {
  if (response.errorMessage) return response.errorMessage.slice(0, 500);
  if (response.status !== null && (response.status < 200 || response.status >= 300)) {
    const text = response.body.replace(/\s+/g, " ").trim().slice(0, 500);
    return `HTTP ${response.status}${text ? `: ${text}` : ""}`;
  }
  return null;
}

export function attemptStage(
  stage: string,
  attempt: number,
  startedAt: Date,
  response: OutboundResponse,
  category: NewStage["errorCategory"],
  detail: unknown,
): NewStage {
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
