// The repositories the domain needs. lib/db implements them over Prisma; core
// tests may use in-memory fakes. Records here are plain data, never Prisma types.
import type { Role } from "./permissions";
import type { Integration, NewIntegration, IntegrationPatch } from "./integrations/types";
import type { ContractVersion, NewContractVersion } from "./contracts/types";
import type { NewJob, QueueJob } from "./delivery/types";
import type { ErrorCategory, EventPatch, EventSource, EventRecord, EventStatus, NewEvent, NewStage, StageRecord } from "./events/types";
import type { ExceptionRecord, ExceptionStatus, OpenException } from "./exceptions/types";
import type { HourRow } from "./kpis/aggregate";
import type { AlertMeasures, AlertRecord, AlertRule, AlertStatus } from "./alerts/types";

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  lastSignInAt: Date | null;
}

export interface UsersRepo {
  count(): Promise<number>;
  /** @throws DomainError conflict `email_taken` */
  create(data: { email: string; name: string; role: Role; passwordHash: string; now: Date }): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  findByEmailWithHash(email: string): Promise<(UserRecord & { passwordHash: string }) | null>;
  list(): Promise<UserRecord[]>;
  update(
    id: string,
    patch: { role?: Role; disabled?: boolean; name?: string; passwordHash?: string },
    now: Date,
  ): Promise<UserRecord>;
  markSignedIn(id: string, now: Date): Promise<void>;
}

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface SessionsRepo {
  create(data: { userId: string; createdAt: Date; expiresAt: Date }): Promise<SessionRecord>;
  /** The session and its user, only if not revoked, not expired and the user is enabled. */
  findActive(id: string, now: Date): Promise<{ session: SessionRecord; user: UserRecord } | null>;
  revoke(id: string, now: Date): Promise<void>;
  revokeAllForUser(userId: string, now: Date): Promise<number>;
}

export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface TokensRepo {
  create(data: { userId: string; name: string; tokenHash: string; prefix: string; now: Date }): Promise<TokenRecord>;
  listForUser(userId: string): Promise<TokenRecord[]>;
  findById(id: string): Promise<TokenRecord | null>;
  /** The token and its user, only if not revoked and the user is enabled. */
  findActiveByHash(tokenHash: string): Promise<{ token: TokenRecord; user: UserRecord } | null>;
  revoke(id: string, now: Date): Promise<TokenRecord>;
  touch(id: string, now: Date): Promise<void>;
}

export interface AuditInput {
  actorId: string | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  at: Date;
}

export interface AuditRecord extends Omit<AuditInput, "reason"> {
  id: string;
  reason: string | null;
}

export interface AuditFilter {
  actorId?: string;
  objectType?: string;
  objectId?: string;
  /** any of these objects (an event's own entries and its exceptions') */
  objects?: { type: string; id: string }[];
  from?: Date;
  to?: Date;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AuditRepo {
  record(entry: AuditInput): Promise<AuditRecord>;
  list(filter: AuditFilter, page: { cursor?: string; limit: number }): Promise<Page<AuditRecord>>;
}

export interface IntegrationActivity {
  integrationId: string;
  lastEventAt: Date | null;
  eventsLastHour: number;
  openExceptions: number;
}

export interface IntegrationsRepo {
  /** Per integration: newest event, events in the hour before `now`, open exceptions (index-bounded queries). */
  activity(integrationIds: string[], now: Date): Promise<IntegrationActivity[]>;
  /** @throws DomainError conflict `slug_taken` */
  create(data: NewIntegration, now: Date): Promise<Integration>;
  findBySlug(slug: string): Promise<Integration | null>;
  findById(id: string): Promise<Integration | null>;
  list(): Promise<Integration[]>;
  update(id: string, patch: IntegrationPatch, now: Date): Promise<Integration>;
}

export interface ContractsRepo {
  create(data: NewContractVersion, now: Date): Promise<ContractVersion>;
  listForIntegration(integrationId: string): Promise<ContractVersion[]>;
  /** The active version, else the newest draft (what validation uses). */
  current(integrationId: string): Promise<ContractVersion | null>;
  /** The approved (active) version only. */
  active(integrationId: string): Promise<ContractVersion | null>;
  findByVersion(integrationId: string, version: number): Promise<ContractVersion | null>;
  /** Make a draft the active version (the previous active one becomes superseded); null when it is no longer a draft. */
  approve(id: string, approval: { approvedById: string | null; at: Date; diff: unknown }): Promise<ContractVersion | null>;
  markSelfTested(id: string, at: Date, result: unknown): Promise<void>;
  /** Drift seen on a version: unknown fields and validation failures by path. */
  drift(contractVersionId: string): Promise<{ kind: string; path: string; count: number; example: unknown; firstSeenAt: Date; lastSeenAt: Date }[]>;
  findById(id: string): Promise<ContractVersion | null>;
}

export interface KeyRecord {
  id: string;
  integrationId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ConfirmationsRepo {
  list(integrationId: string): Promise<{ check: string; note: string; confirmedById: string | null; confirmedAt: Date }[]>;
  confirm(data: { integrationId: string; check: string; note: string; confirmedById: string | null; at: Date }): Promise<void>;
  withdraw(integrationId: string, check: string): Promise<boolean>;
}

export const FINDING_KINDS = ["missing_received", "not_delivered", "missing_in_target", "unknown_in_target", "id_mismatch"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface ReconciliationRecord {
  id: string;
  integrationId: string;
  periodFrom: Date;
  periodTo: Date;
  status: "uploading" | "running" | "done" | "failed";
  sourceCount: number;
  targetCount: number;
  summary: Partial<Record<FindingKind, number>> | null;
  error: string | null;
  createdById: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface FindingRecord {
  id: string;
  kind: FindingKind;
  sourceId: string | null;
  targetId: string | null;
  eventId: string | null;
  detail: string;
  exceptionId: string | null;
}

export interface ReconciliationsRepo {
  create(data: { integrationId: string; periodFrom: Date; periodTo: Date; createdById: string | null; now: Date }): Promise<ReconciliationRecord>;
  get(id: string): Promise<ReconciliationRecord | null>;
  listForIntegration(integrationId: string, limit: number): Promise<ReconciliationRecord[]>;
  /** Add uploaded ids (duplicates ignored); returns how many were new. */
  addItems(id: string, side: "source" | "target", items: { externalId: string; otherId: string | null }[]): Promise<number>;
  setStatus(id: string, patch: { status: ReconciliationRecord["status"]; summary?: unknown; error?: string | null; finishedAt?: Date | null; sourceCount?: number; targetCount?: number }): Promise<void>;
  /** Compute every finding in the store (set-based SQL) and return the counts per kind. */
  compute(id: string): Promise<Record<FindingKind, number>>;
  findings(id: string, filter: { kind?: FindingKind; ids?: string[] }, page: { cursor?: string; limit: number }): Promise<Page<FindingRecord>>;
  linkException(findingId: string, exceptionId: string): Promise<void>;
}

export interface RawHour {
  received: number;
  exceptionEvents: number;
  duplicates: number;
  firstFailed: number;
  autoRecovered: number;
  succeeded: number;
  failed: number;
  lagsMs: number[];
  recoveriesMs: number[];
  manual: Record<string, number>;
  attemptDurationsMs: number[];
}

export interface StoredHour extends HourRow {
  attempts: number;
  attemptBuckets: number[] | null;
  attemptSumMs: number;
}

export interface KpiRepo {
  watermark(): Promise<Date | null>;
  setWatermark(at: Date): Promise<void>;
  /** (integration, hour) pairs touched by anything written in [since, until) */
  dirtyHours(since: Date | null, until: Date): Promise<{ integrationId: string; hour: Date }[]>;
  /** Everything each hour's rollup needs, from the raw rows: one answer per pair, in order. */
  rawHours(pairs: { integrationId: string; hour: Date }[], manualActions: readonly string[]): Promise<RawHour[]>;
  /** Store hours' counts (their backlog snapshots are left as they are). */
  writeHours(rows: Omit<StoredHour, "openExceptions" | "pendingDeliveries" | "oldestPendingMs">[], now: Date): Promise<void>;
  /** The backlog right now, per integration. */
  backlog(now: Date): Promise<{ integrationId: string; openExceptions: number; pendingDeliveries: number; oldestPendingMs: number }[]>;
  writeBacklog(integrationId: string, hour: Date, backlog: { openExceptions: number; pendingDeliveries: number; oldestPendingMs: number }, now: Date): Promise<void>;
  hours(filter: { integrationIds?: string[]; from: Date; to: Date }): Promise<StoredHour[]>;
  /** Whole-day rows (`hour` is the day's start) in [from, to). */
  days(filter: { integrationIds?: string[]; from: Date; to: Date }): Promise<StoredHour[]>;
  /** Replace whole-day rows. */
  writeDays(rows: StoredHour[], now: Date): Promise<void>;
}

export interface AlertsRepo {
  /** One integration's measures: failure counts over [windowStart, now), lag against the threshold, backlog, silence. */
  measure(integrationId: string, q: { windowStart: Date; now: Date; lagThresholdMs: number | null }): Promise<AlertMeasures>;
  /** Tracked records, not final and without an open exception, that reported nothing since `before`. */
  stalled(integrationId: string, before: Date, limit: number): Promise<{ eventId: string; lastStage: string; lastAt: Date }[]>;
  /** True for the one worker that may evaluate now (none did within `minGapMs`). */
  claimPass(now: Date, minGapMs: number): Promise<boolean>;
  /** Alerts not resolved (firing or acknowledged). */
  unresolved(): Promise<AlertRecord[]>;
  /** Open an alert; null when one is already open for this integration and rule. */
  fire(data: { integrationId: string; rule: AlertRule; value: number | null; threshold: number | null; message: string; at: Date }): Promise<AlertRecord | null>;
  /** Keep an open alert's latest value and message. */
  refresh(id: string, data: { value: number | null; threshold: number | null; message: string; at: Date }): Promise<void>;
  /** Resolve while not resolved; null when it already was. */
  resolve(id: string, at: Date): Promise<AlertRecord | null>;
  /** Acknowledge while firing; null when it was not firing. */
  acknowledge(id: string, userId: string, at: Date): Promise<AlertRecord | null>;
  findById(id: string): Promise<AlertRecord | null>;
  /** Newest first (firedAt, id), keyset-paged; "open" = firing or acknowledged. */
  list(filter: { status?: AlertStatus | "open"; integrationId?: string }, page: { cursor?: string; limit: number }): Promise<Page<AlertRecord>>;
}

/** One integration's hourly rollups summed over every hour (the Prometheus counters). */
export interface RollupTotals {
  integrationId: string;
  received: number;
  succeeded: number;
  failed: number;
  attempts: number;
  attemptSumMs: number;
  /** attempts per bucket of ATTEMPT_BUCKETS_S (not cumulative), summed element-wise */
  attemptBuckets: number[];
}

export interface MetricsRepo {
  /** Per integration with any rollup row: the sums over all its hours. */
  rollupTotals(): Promise<RollupTotals[]>;
  /** Per integration: events being delivered right now (status processing). */
  inFlight(): Promise<{ integrationId: string; count: number }[]>;
}

export interface KeysRepo {
  create(data: { integrationId: string; name: string; keyHash: string; prefix: string; now: Date }): Promise<KeyRecord>;
  listForIntegration(integrationId: string): Promise<KeyRecord[]>;
  findById(id: string): Promise<KeyRecord | null>;
  revoke(id: string, now: Date): Promise<KeyRecord>;
}

export interface SecretsRepo {
  /** Stores the secret sealed; `expiresAt` null = current. */
  create(data: { integrationId: string; purpose: "ingest" | "delivery"; secret: string; now: Date }): Promise<void>;
  /** Secrets valid now for a purpose, newest first (current one, then any in grace period). */
  valid(integrationId: string, purpose: "ingest" | "delivery", now: Date): Promise<string[]>;
  /** Let the current secret(s) expire at `graceUntil` (those expiring later are cut to it). */
  expireCurrent(integrationId: string, purpose: "ingest" | "delivery", graceUntil: Date): Promise<void>;
}

export interface EventFilter {
  integrationId?: string;
  status?: EventStatus;
  correlationId?: string;
  /** an idempotency key or an entity key */
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
  createMissing(data: { integrationId: string; entityKey: string; payload: unknown; correlationId: string; now: Date }): Promise<EventRecord>;
  findByKey(integrationId: string, idempotencyKey: string): Promise<EventRecord | null>;
  /** Update only while the status is one of `from` (null = any); the updated event, or null when it was not. */
  transition(id: string, from: readonly EventStatus[] | null, patch: EventPatch, now: Date): Promise<EventRecord | null>;
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
  addReplay(eventId: string, replay: { payload: unknown; deliveryPayload: unknown; actorId: string | null; at: Date }): Promise<ReplayRecord>;
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
  create(data: { action: BulkAction; params: Record<string, unknown>; exceptionIds: string[]; createdById: string | null; now: Date }): Promise<BulkJobRecord>;
  get(id: string): Promise<BulkJobRecord | null>;
  pendingItems(jobId: string, limit: number): Promise<string[]>;
  /** Settle one item (once) and count it on the job. */
  settle(jobId: string, exceptionId: string, outcome: "done" | "failed" | "skipped", message: string | null): Promise<void>;
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
  event: { entityKey: string | null; idempotencyKey: string; status: EventStatus; attempts: number; source: EventSource };
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
  integration: { slug: string; name: string; lifecycle: string; incidentOwnerId: string | null; notificationWebhook: string | null };
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
  close(id: string, close: { status: "resolved" | "ignored"; resolution: string; note?: string | null; at: Date }): Promise<ExceptionRecord | null>;
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

export interface DriftRepo {
  count(contractVersionId: string, kind: "unknown_field" | "validation_failure", paths: string[], example: unknown, now: Date): Promise<void>;
}

/** Everything a new event's arrival writes, decided by core, written by one atomic store call. */
export interface ArrivalPlan {
  event: Omit<NewEvent, "status"> & { status: "received" | "rejected" };
  /** version guard: accept only when newer than the entity's newest accepted version */
  guard: { entityKey: string; version: number } | null;
  stages: NewStage[];
  /** written instead of `stages` when the guard finds the event stale */
  staleStages: NewStage[];
  exception: Omit<OpenException, "eventId"> | null;
  /** enqueue a delivery (relay events) */
  deliver: boolean;
}

export type ArrivalResult = { inserted: false } | { inserted: true; id: string; status: "received" | "rejected" | "stale" };

export interface AttemptRecord {
  jobId: string;
  workerId: string;
  eventId: string;
  attempt: number;
  at: Date;
  stage: NewStage;
}

/**
 * The hot paths of ingest and delivery, each ONE atomic call on the store's own
 * connection (never inside an outer transaction): plain SQL, no ORM on the way.
 */
export interface PipelineRepo {
  /** Insert a new event with its stages, guard, exception and job; `inserted: false` when the key exists. */
  recordArrival(plan: ArrivalPlan, now: Date): Promise<ArrivalResult>;
  /** The integration behind an ingest address, with the contract validation uses (active, else newest draft). */
  ingestTarget(slug: string, keyHash: string | null): Promise<{ integration: Integration; contract: ContractVersion | null; key: KeyRecord | null } | null>;
  /** An unrevoked integration API key by the SHA-256 of its secret. */
  keyByHash(keyHash: string): Promise<KeyRecord | null>;
  loadEvent(id: string): Promise<EventRecord | null>;
  /** When the next job becomes due (or a lease expires); null for an empty queue. */
  nextDueAt(): Promise<Date | null>;
  /** Lease up to `limit` due jobs of unpaused integrations and mark their events processing. */
  claim(workerId: string, limit: number, leaseMs: number, now: Date): Promise<QueueJob[]>;
  /** Delivered: delete the job (only while leased by us), event succeeded, stage written. False when the lease was lost. */
  finishDelivered(attempt: AttemptRecord & { targetId: string | null; succeeded: boolean }): Promise<boolean>;
  /** Transient failure: run the job again at `runAt`, event retrying, stage written. False when the lease was lost. */
  scheduleRetry(attempt: AttemptRecord & { runAt: Date }): Promise<boolean>;
}

export interface Repos {
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: TokensRepo;
  audit: AuditRepo;
  integrations: IntegrationsRepo;
  contracts: ContractsRepo;
  keys: KeysRepo;
  secrets: SecretsRepo;
  events: EventsRepo;
  exceptions: ExceptionsRepo;
  queue: QueueRepo;
  drift: DriftRepo;
  pipeline: PipelineRepo;
  bulk: BulkJobsRepo;
  confirmations: ConfirmationsRepo;
  reconciliations: ReconciliationsRepo;
  kpis: KpiRepo;
  metrics: MetricsRepo;
  alerts: AlertsRepo;
}
