// Ports for events, exceptions, bulk jobs and the delivery queue.
import type { NewJob } from "../delivery/types";
import type {
  ErrorCategory,
  EventPatch,
  EventSource,
  EventRecord,
  EventStatus,
  NewStage,
  StageRecord,
} from "../events/types";
import type { ExceptionRecord, ExceptionStatus, OpenException } from "../exceptions/types";
import type { Page } from "../ports";

export interface EventFilter {
  integrationId?: string;
  status?: EventStatus;
  correlationId?: string;
  /** the start of an idempotency key or an entity key (case-sensitive prefix) */
  q?: string;
  from?: Date;
  to?: Date;
}

export type EventListItem = EventRecord & { integrationSlug: string; contractVersion: number | null };

export interface EventsRepo {
  /** Newest first by (receivedAt, id), keyset-paginated. */
  list(filter: EventFilter, page: { cursor?: string; limit: number }): Promise<Page<EventListItem>>;
  findById(id: string): Promise<EventRecord | null>;
  /** A record Signalbox never received, entered by reconciliation so it can carry an exception. */
  createMissing(data: {
    integrationId: string;
    entityKey: string;
    payload: unknown;
    correlationId: string;
    now: Date;
  }): Promise<EventRecord>;
  findByKey(integrationId: string, idempotencyKey: string): Promise<EventRecord | null>;
  /** Update only while the status is one of `from` (null = any); the updated event, or null when it was not. */
  transition(
    id: string,
    from: readonly EventStatus[] | null,
    patch: EventPatch,
    now: Date,
  ): Promise<EventRecord | null>;
  /** Record a later arrival of the same key on the original and count it. */
  recordArrival(
    event: Pick<EventRecord, "id" | "integrationId">,
    arrival: { kind: "duplicate" | "conflict"; fingerprint: string; payload?: unknown; at: Date },
  ): Promise<void>;
  addStages(eventId: string, stages: NewStage[]): Promise<void>;
  /** Close the newest `started` run of a stage (tracked reports); false when none is open. */
  finishStage(eventId: string, stage: string, attempt: number, patch: Partial<NewStage>): Promise<boolean>;
  stages(eventId: string): Promise<StageRecord[]>;
  /** Stage runs of several events at once (a correlated timeline), oldest first. */
  stagesOf(eventIds: string[]): Promise<StageRecord[]>;
  arrivals(eventId: string): Promise<ArrivalRecord[]>;
  replays(eventId: string): Promise<ReplayRecord[]>;
  addReplay(
    eventId: string,
    replay: { payload: unknown; deliveryPayload: unknown; actorId: string | null; at: Date },
  ): Promise<ReplayRecord>;
  /** The newest accepted version of an entity (version guard state). */
  newestVersion(integrationId: string, entityKey: string): Promise<{ version: number; eventId: string } | null>;
  /** Events sharing a correlation ID, across integrations, oldest first. */
  correlated(correlationId: string, limit: number): Promise<EventListItem[]>;
}

export interface ArrivalRecord {
  id: string;
  kind: "duplicate" | "conflict";
  fingerprint: string;
  payload: unknown;
  receivedAt: Date;
}

export interface ReplayRecord {
  id: string;
  payload: unknown;
  deliveryPayload: unknown;
  actorId: string | null;
  createdAt: Date;
}

export type BulkAction = "retry" | "rerun" | "resolve" | "discard" | "assign";
export type BulkStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export interface BulkJobRecord {
  id: string;
  action: BulkAction;
  status: BulkStatus;
  total: number;
  done: number;
  failed: number;
  skipped: number;
  params: Record<string, unknown> | null;
  createdById: string | null;
  cancelRequested: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface BulkJobsRepo {
  create(data: {
    action: BulkAction;
    params: Record<string, unknown>;
    exceptionIds: string[];
    createdById: string | null;
    now: Date;
  }): Promise<BulkJobRecord>;
  get(id: string): Promise<BulkJobRecord | null>;
  pendingItems(jobId: string, limit: number): Promise<string[]>;
  /** Settle one item (once) and count it on the job. */
  settle(
    jobId: string,
    exceptionId: string,
    outcome: "done" | "failed" | "skipped",
    message: string | null,
  ): Promise<void>;
  setStatus(jobId: string, status: BulkStatus, at: Date): Promise<void>;
  requestCancel(jobId: string): Promise<BulkJobRecord | null>;
}

export interface ExceptionFilter {
  status?: ExceptionStatus;
  /** a user id, or null for unassigned */
  assigneeId?: string | null;
  integrationId?: string;
  category?: ErrorCategory;
  /** open and past its SLA due time at `now` */
  pastSlaAt?: Date;
  group?: { integrationId: string; category: ErrorCategory; signature: string };
  ids?: string[];
}

export type ExceptionListItem = ExceptionRecord & {
  integrationSlug: string;
  integrationName: string;
  assigneeName: string | null;
  event: {
    entityKey: string | null;
    idempotencyKey: string;
    status: EventStatus;
    attempts: number;
    source: EventSource;
  };
};

export interface ExceptionGroup {
  integrationId: string;
  integrationSlug: string;
  integrationName: string;
  category: ErrorCategory;
  signature: string;
  reason: string;
  message: string;
  count: number;
  oldestOpenedAt: Date;
}

export interface OverdueException extends ExceptionRecord {
  integration: {
    id: string;
    slug: string;
    name: string;
    lifecycle: string;
    incidentOwnerId: string | null;
    hasNotificationWebhook: boolean;
  };
}

export interface ExceptionsRepo {
  list(filter: ExceptionFilter, page: { cursor?: string; limit: number }): Promise<Page<ExceptionListItem>>;
  /** The ids matching a filter (a bulk action's frozen selection), at most `max`. */
  ids(filter: ExceptionFilter, max: number): Promise<string[]>;
  /** Open exceptions grouped by cause (integration + category + signature), largest first. */
  groups(filter: ExceptionFilter): Promise<ExceptionGroup[]>;
  forEvent(eventId: string): Promise<ExceptionRecord[]>;
  /** Change the assignee while the exception is open; null when it is not open. */
  assign(id: string, assigneeId: string | null): Promise<ExceptionRecord | null>;
  /** Close while open; null when it was not open. */
  close(
    id: string,
    close: { status: "resolved" | "ignored"; resolution: string; note?: string | null; at: Date },
  ): Promise<ExceptionRecord | null>;
  /** Open, past due, not yet escalated, on a live integration. */
  overdue(now: Date, limit: number): Promise<OverdueException[]>;
  /** Mark escalated (once); false when someone else did first. */
  escalate(id: string, toUserId: string | null, at: Date): Promise<boolean>;
  /** Open an exception for the event, or refresh the one already open for it. */
  open(data: OpenException): Promise<ExceptionRecord>;
  findOpenForEvent(eventId: string): Promise<ExceptionRecord | null>;
  findById(id: string): Promise<ExceptionRecord | null>;
  /** Close the event's open exception, if any. */
  closeForEvent(
    eventId: string,
    close: { status: "resolved" | "ignored"; resolution: string; note?: string | null; at: Date },
  ): Promise<ExceptionRecord | null>;
}

export interface QueueRepo {
  /** Enqueue; with a dedupeKey at most one pending job per key (false when one already exists). */
  enqueue(job: NewJob): Promise<boolean>;
  /** Delete a finished job, only while this worker holds it. */
  complete(jobId: string, workerId: string): Promise<boolean>;
  /** Run again at `runAt` and drop the lease, only while this worker holds it. */
  reschedule(jobId: string, workerId: string, runAt: Date): Promise<boolean>;
  deleteForEvent(eventId: string, kind: string): Promise<void>;
  /** Tell sleeping workers to look now (on commit). */
  wake(): Promise<void>;
}
