export const EVENT_SOURCES = ["relay", "tracked", "self_test", "reconciliation"] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export const EVENT_STATUSES = [
  "received",
  "processing",
  "retrying",
  "succeeded",
  "failed",
  "rejected",
  "stale",
  "overridden",
  "discarded",
] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export type EventOutcome = "success" | "failed" | "manual_override" | "discarded" | "stale";
export type StageStatus = "started" | "succeeded" | "failed" | "skipped";
export type ErrorCategory = "transient" | "permanent" | "validation";

/** Statuses after which nothing happens to an event unless a person acts. */
export const FINAL_STATUSES: readonly EventStatus[] = [
  "succeeded",
  "failed",
  "rejected",
  "stale",
  "overridden",
  "discarded",
];
/** Statuses from which the worker may deliver. */
export const DELIVERABLE_STATUSES: readonly EventStatus[] = ["received", "processing", "retrying"];

export interface EventRecord {
  id: string;
  integrationId: string;
  idempotencyKey: string;
  fingerprint: string;
  correlationId: string;
  traceId: string | null;
  entityKey: string | null;
  entityVersion: string | null;
  payload: unknown;
  deliveryPayload: unknown;
  status: EventStatus;
  outcome: EventOutcome | null;
  attempts: number;
  duplicateCount: number;
  conflictCount: number;
  contractVersionId: string | null;
  /** relay, tracked, or self_test (the readiness self-test: never delivered, not counted) */
  source: EventSource;
  occurredAt: Date | null;
  receivedAt: Date;
  firstFailedAt: Date | null;
  completedAt: Date | null;
  targetId: string | null;
  /** retention never expires or removes it */
  legalHold: boolean;
  /** when retention dropped its payloads */
  payloadExpiredAt: Date | null;
  /** when an erasure removed its content (keys kept only as keyed hashes) */
  erasedAt: Date | null;
  updatedAt: Date;
}

export type NewEvent = Omit<
  EventRecord,
  | "id"
  | "attempts"
  | "duplicateCount"
  | "conflictCount"
  | "firstFailedAt"
  | "completedAt"
  | "targetId"
  | "legalHold"
  | "payloadExpiredAt"
  | "erasedAt"
  | "updatedAt"
> & { completedAt?: Date | null };

export type EventPatch = Partial<
  Pick<
    EventRecord,
    | "status"
    | "outcome"
    | "attempts"
    | "deliveryPayload"
    | "firstFailedAt"
    | "completedAt"
    | "targetId"
    | "contractVersionId"
    | "payload"
  >
>;

export interface NewStage {
  stage: string;
  attempt?: number;
  status: StageStatus;
  startedAt: Date;
  endedAt?: Date | null;
  durationMs?: number | null;
  errorCategory?: ErrorCategory | null;
  error?: string | null;
  responseStatus?: number | null;
  detail?: unknown;
}

export interface StageRecord extends Required<Omit<NewStage, "detail">> {
  id: string;
  eventId: string;
  detail: unknown;
}
