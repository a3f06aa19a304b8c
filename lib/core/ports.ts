// The repositories the domain needs. lib/db implements them over Prisma; core
// tests may use in-memory fakes. Records here are plain data, never Prisma types.
import type { Integration, NewIntegration, IntegrationPatch } from "./integrations/types";
import type { ContractVersion, NewContractVersion } from "./contracts/types";
import type { QueueJob } from "./delivery/types";
import type { EventRecord, NewEvent, NewStage } from "./events/types";
import type { OpenException } from "./exceptions/types";
import type { ConfirmationsRepo, ReconciliationsRepo } from "./ports/governance";
import type { AlertsRepo, KpiRepo, MetricsRepo } from "./ports/observability";
import type { BulkJobsRepo, EventsRepo, ExceptionsRepo, QueueRepo } from "./ports/records";
import type { ErasureRepo } from "./ports/erasure";
import type { RetentionRepo } from "./ports/retention";
import type { SettingsRepo } from "./ports/settings";
import type { AuditRepo, SessionsRepo, TokensRepo, UsersRepo } from "./ports/identity";

export * from "./ports/governance";
export * from "./ports/observability";
export * from "./ports/settings";
export * from "./ports/erasure";
export * from "./ports/retention";
export * from "./ports/records";
export * from "./ports/identity";

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
  /** every integration, or (`archived`) only the archived ones / only the others */
  list(options?: { archived?: boolean }): Promise<Integration[]>;
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
  approve(
    id: string,
    approval: { approvedById: string | null; at: Date; diff: unknown },
  ): Promise<ContractVersion | null>;
  markSelfTested(id: string, at: Date, result: unknown): Promise<void>;
  /** Drift seen on a version: unknown fields and validation failures by path. */
  drift(
    contractVersionId: string,
  ): Promise<{ kind: string; path: string; count: number; example: unknown; firstSeenAt: Date; lastSeenAt: Date }[]>;
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

export interface KeysRepo {
  create(data: { integrationId: string; name: string; keyHash: string; prefix: string; now: Date }): Promise<KeyRecord>;
  listForIntegration(integrationId: string): Promise<KeyRecord[]>;
  findById(id: string): Promise<KeyRecord | null>;
  revoke(id: string, now: Date): Promise<KeyRecord>;
}

export interface SecretsRepo {
  /** Stores the secret sealed; `expiresAt` null = current. */
  create(data: { integrationId: string; purpose: "ingest" | "delivery"; secret: string; now: Date }): Promise<void>;
  /** Secrets not yet expired at `now` with their expiry, newest first (for a cache that checks the time itself). */
  unexpired(
    integrationId: string,
    purpose: "ingest" | "delivery",
    now: Date,
  ): Promise<{ secret: string; expiresAt: Date | null }[]>;
  /** Secrets valid now for a purpose, newest first (current one, then any in grace period). */
  valid(integrationId: string, purpose: "ingest" | "delivery", now: Date): Promise<string[]>;
  /** Let the current secret(s) expire at `graceUntil` (those expiring later are cut to it). */
  expireCurrent(integrationId: string, purpose: "ingest" | "delivery", graceUntil: Date): Promise<void>;
}

export interface DriftRepo {
  /** Count each (kind, path) once more, in one statement; the first example seen is kept. */
  count(
    contractVersionId: string,
    rows: { kind: "unknown_field" | "validation_failure"; path: string; example: unknown }[],
    now: Date,
  ): Promise<void>;
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

export type ArrivalResult =
  { inserted: false } | { inserted: true; id: string; status: "received" | "rejected" | "stale" };

export interface AttemptRecord {
  jobId: string;
  workerId: string;
  eventId: string;
  attempt: number;
  at: Date;
  stage: NewStage;
}

// The hot paths, by concept. Each call is ONE atomic write (or a cached read) on the store's own connection, in plain
// SQL: none can join an outer transaction, so inside `ctx.transaction` these repositories refuse to be used.

/** Ingest: the configuration an arrival needs (cached per process) and the arrival itself (group commit). */
export interface IngestRepo {
  /** Insert a new event with its stages, guard, exception and job; `inserted: false` when the key exists. */
  recordArrival(plan: ArrivalPlan, now: Date): Promise<ArrivalResult>;
  /** The integration behind an ingest address, with the contract validation uses (active, else newest draft). */
  ingestTarget(
    slug: string,
    keyHash: string | null,
  ): Promise<{ integration: Integration; contract: ContractVersion | null; key: KeyRecord | null } | null>;
  /** An unrevoked integration API key by the SHA-256 of its secret. */
  keyByHash(keyHash: string): Promise<KeyRecord | null>;
  /** An integration by id, from the same cached configuration as `ingestTarget`. */
  integrationById(id: string): Promise<Integration | null>;
}

/** The queue as the worker sees it: claiming due jobs with a lease, giving back the ones it did not start. */
export interface DispatchRepo {
  loadEvent(id: string): Promise<EventRecord | null>;
  /** When the next job becomes due (or a lease expires); null for an empty queue. */
  nextDueAt(): Promise<Date | null>;
  /** Lease up to `limit` due jobs of unpaused integrations, with their events (which the lease does not touch:
   * an attempt under way is the job's lease, not an event status — one event write per delivery, not two). */
  claim(workerId: string, limit: number, leaseMs: number, now: Date): Promise<QueueJob[]>;
  /** Give back jobs this worker claimed but did not start (stopping): unleased, their claim not counted. */
  release(workerId: string, jobIds: string[]): Promise<void>;
}

/** Delivery attempts' outcomes, recorded only while the worker still holds the job's lease. */
export interface AttemptsRepo {
  /** Delivered: delete the job (only while leased by us), event succeeded, stage written. False when the lease was lost. */
  finishDelivered(attempt: AttemptRecord & { targetId: string | null; succeeded: boolean }): Promise<boolean>;
  /** Transient failure: run the job again at `runAt`, event retrying, stage written. False when the lease was lost. */
  scheduleRetry(attempt: AttemptRecord & { runAt: Date }): Promise<boolean>;
}

/** One store's implementation of the three (lib/db/hot). */
export type HotPaths = IngestRepo & DispatchRepo & AttemptsRepo;

export interface Repos {
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: TokensRepo;
  audit: AuditRepo;
  settings: SettingsRepo;
  retention: RetentionRepo;
  erasure: ErasureRepo;
  integrations: IntegrationsRepo;
  contracts: ContractsRepo;
  keys: KeysRepo;
  secrets: SecretsRepo;
  events: EventsRepo;
  exceptions: ExceptionsRepo;
  queue: QueueRepo;
  drift: DriftRepo;
  ingest: IngestRepo;
  dispatch: DispatchRepo;
  attempts: AttemptsRepo;
  bulk: BulkJobsRepo;
  confirmations: ConfirmationsRepo;
  reconciliations: ReconciliationsRepo;
  kpis: KpiRepo;
  metrics: MetricsRepo;
  alerts: AlertsRepo;
}
