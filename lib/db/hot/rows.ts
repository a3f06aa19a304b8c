// Rows read by the hot paths without Prisma, made to look like Prisma's rows
// (Date objects, parsed JSON, booleans) so the repositories' mappers serve both.
import type { ContractVersion } from "@/lib/core/contracts/types";
import type { EventRecord, NewStage } from "@/lib/core/events/types";
import type { Integration } from "@/lib/core/integrations/types";
import type { ArrivalPlan, KeyRecord } from "@/lib/core/ports";
import { newId } from "../ids";
import { toContract } from "../repositories/contracts";
import { toEvent } from "../repositories/events";
import { toIntegration } from "../repositories/integrations";

type Raw = Record<string, unknown>;

const DATES = new Set([
  "createdAt",
  "updatedAt",
  "liveAt",
  "pausedAt",
  "archivedAt",
  "approvedAt",
  "occurredAt",
  "receivedAt",
  "payloadExpiredAt",
  "erasedAt",
  "firstFailedAt",
  "completedAt",
  "lastUsedAt",
  "revokedAt",
]);
const JSONS = new Set([
  "destination",
  "replayWebhook",
  "retryPolicy",
  "rateLimit",
  "alertThresholds",
  "schema",
  "idempotencyKeyPaths",
  "mapping",
  "sourceOfTruth",
  "idStrategy",
  "diff",
  "payload",
  "deliveryPayload",
]);
const BOOLEANS = new Set(["requireIdempotencyKey", "legalHold"]);

/** Normalise a raw row; `prefix` picks the columns of one table out of a joined row (e.g. "c_"). */
export function normalise(raw: Raw, prefix = ""): Raw {
  const out: Raw = {};
  for (const [key, value] of Object.entries(raw)) {
    if (prefix && !key.startsWith(prefix)) continue;
    if (!prefix && /^[a-z]_/.test(key)) continue;
    const name = key.slice(prefix.length);
    if (value === null || value === undefined) out[name] = null;
    else if (DATES.has(name)) out[name] = value instanceof Date ? value : new Date(String(value));
    else if (JSONS.has(name)) out[name] = typeof value === "string" ? JSON.parse(value) : value;
    else if (BOOLEANS.has(name)) out[name] = value === true || value === 1;
    else out[name] = typeof value === "bigint" ? Number(value) : value;
  }
  return out;
}

export const integrationFrom = (raw: Raw): Integration =>
  toIntegration(normalise(raw) as Parameters<typeof toIntegration>[0]);
/** A contract from its own row, or (prefix "c_") from a row joined to its integration. */
export const contractFrom = (raw: Raw, prefix = ""): ContractVersion | null =>
  raw[`${prefix}id`] ? toContract(normalise(raw, prefix) as Parameters<typeof toContract>[0]) : null;
export const eventFrom = (raw: Raw, prefix = ""): EventRecord =>
  toEvent(normalise(raw, prefix) as Parameters<typeof toEvent>[0]);
export const keyFrom = (raw: Raw, prefix = ""): KeyRecord => normalise(raw, prefix) as unknown as KeyRecord;

export const EVENT_COLUMNS = [
  "id",
  "integrationId",
  "idempotencyKey",
  "fingerprint",
  "correlationId",
  "traceId",
  "entityKey",
  "entityVersion",
  "payload",
  "deliveryPayload",
  "status",
  "outcome",
  "attempts",
  "duplicateCount",
  "conflictCount",
  "contractVersionId",
  "source",
  "occurredAt",
  "receivedAt",
  "firstFailedAt",
  "completedAt",
  "targetId",
  "legalHold",
  "payloadExpiredAt",
  "erasedAt",
  "updatedAt",
];

/** Contract columns aliased with a c_ prefix for a join with the integration. */
export const CONTRACT_COLUMNS = [
  "id",
  "integrationId",
  "version",
  "status",
  "schema",
  "idempotencyKeyPaths",
  "requireIdempotencyKey",
  "entityKeyPath",
  "versionPath",
  "mapping",
  "sourceOfTruth",
  "idStrategy",
  "diff",
  "note",
  "authorId",
  "approvedById",
  "approvedAt",
  "createdAt",
];

const jsonText = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * An arriving event's column values, in the order of the hot paths' event INSERT; `time` writes a date the way the
 * store keeps it. A rejected record is final at once (outcome failed) until someone replays it.
 */
export function eventValues(
  e: ArrivalPlan["event"],
  id: string,
  now: Date,
  time: (d: Date | null | undefined) => string | null,
): unknown[] {
  const rejected = e.status === "rejected";
  return [
    id,
    e.integrationId,
    e.idempotencyKey,
    e.fingerprint,
    e.correlationId,
    e.traceId,
    e.entityKey,
    e.entityVersion,
    jsonText(e.payload) ?? "null",
    jsonText(e.deliveryPayload),
    e.status,
    e.contractVersionId,
    e.source,
    time(e.occurredAt),
    time(e.receivedAt),
    time(now),
    rejected ? "failed" : null,
    rejected ? time(now) : null,
  ];
}

/** A stage run's column values (a new id first, then its event), in the order of the hot paths' stage INSERT. */
export function stageValues(
  eventId: string,
  s: NewStage,
  time: (d: Date | null | undefined) => string | null,
): unknown[] {
  return [
    newId(),
    eventId,
    s.stage,
    s.attempt ?? 1,
    s.status,
    time(s.startedAt),
    time(s.endedAt),
    s.durationMs ?? null,
    s.errorCategory ?? null,
    s.error ?? null,
    s.responseStatus ?? null,
    jsonText(s.detail),
  ];
}
