// Where an event's idempotency key, correlation ID, entity key and version come from.
import { randomBytes, randomUUID } from "node:crypto";
import { getAt } from "../json-pointer";

export const MAX_KEY_LENGTH = 512;

export type KeySource = "header" | "cloudevent-id" | "contract" | "webhook-id" | "fingerprint";

/**
 * The idempotency key, in order: the Idempotency-Key header; a CloudEvent's id; the values at the
 * contract's key paths (all must be present); the webhook-id header; else the
 * payload fingerprint (an identical payload is a duplicate). `null` when the
 * contract requires a key and none of the first three gave one.
 */
export function deriveIdempotencyKey(args: {
  header?: string | null;
  cloudEventId?: string | null;
  keyPaths: string[];
  payload: unknown;
  webhookId?: string | null;
  fingerprint: string;
  required: boolean;
}): { key: string; source: KeySource } | null {
  const header = args.header?.trim();
  if (header) return { key: header.slice(0, MAX_KEY_LENGTH), source: "header" };
  const ceId = args.cloudEventId?.trim();
  if (ceId) return { key: ceId.slice(0, MAX_KEY_LENGTH), source: "cloudevent-id" };
  if (args.keyPaths.length > 0) {
    const parts = args.keyPaths.map((p) => getAt(args.payload, p));
    if (parts.every((v) => v !== undefined && v !== null && v !== "" && typeof v !== "object")) {
      return { key: parts.map(String).join(":").slice(0, MAX_KEY_LENGTH), source: "contract" };
    }
  }
  const webhookId = args.webhookId?.trim();
  if (webhookId) return { key: webhookId.slice(0, MAX_KEY_LENGTH), source: "webhook-id" };
  if (args.required) return null;
  return { key: `sha256:${args.fingerprint}`, source: "fingerprint" };
}

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-[\da-f]{2}$/;

/** W3C trace id from a traceparent header, or null (all-zero ids are invalid). */
export function traceIdFrom(traceparent: string | null | undefined): string | null {
  const match = TRACEPARENT.exec(traceparent?.trim().toLowerCase() ?? "");
  if (!match || /^0+$/.test(match[1]!)) return null;
  return match[1]!;
}

/** Correlation ID: X-Correlation-Id, else the traceparent's trace id, else a new one. */
export function deriveCorrelation(header: string | null | undefined, traceparent: string | null | undefined) {
  const traceId = traceIdFrom(traceparent);
  const given = header?.trim();
  if (given) return { correlationId: given.slice(0, 200), traceId };
  if (traceId) return { correlationId: traceId, traceId };
  return { correlationId: randomUUID(), traceId: null };
}

/** A traceparent for one delivery attempt: the event's trace, a new span. */
export function traceparentFor(traceId: string | null, fallbackSeed: string): string {
  const trace =
    traceId ??
    fallbackSeed
      .replace(/[^\da-f]/gi, "")
      .toLowerCase()
      .padEnd(32, "0")
      .slice(0, 32);
  return `00-${trace}-${spanId()}-01`;
}

// Span ids are drawn from a pool refilled 512 at a time: one call into the random source per 512 deliveries.
let spans = Buffer.alloc(0);
let spanAt = 0;
function spanId(): string {
  if (spanAt >= spans.length) [spans, spanAt] = [randomBytes(8 * 512), 0];
  spanAt += 8;
  return spans.toString("hex", spanAt - 8, spanAt);
}

/**
 * A version for the version guard: numbers as they are, numeric strings as
 * numbers, ISO 8601 timestamps as epoch milliseconds. Anything else: null.
 */
export function parseVersion(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || value.trim() === "") return null;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

export function entityKeyFrom(payload: unknown, path: string | null): string | null {
  if (!path) return null;
  const value = getAt(payload, path);
  if (value === undefined || value === null || typeof value === "object") return null;
  return String(value).slice(0, 512);
}
