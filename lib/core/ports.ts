// The repositories the domain needs. lib/db implements them over Prisma; core
// tests may use in-memory fakes. Records here are plain data, never Prisma types.
import type { Role } from "./permissions";
import type { Integration, NewIntegration, IntegrationPatch } from "./integrations/types";
import type { ContractVersion, NewContractVersion } from "./contracts/types";

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

export interface IntegrationsRepo {
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
  findById(id: string): Promise<ContractVersion | null>;
}

export interface KeysRepo {
  create(data: { integrationId: string; name: string; keyHash: string; prefix: string; now: Date }): Promise<{
    id: string;
    prefix: string;
    name: string;
    createdAt: Date;
  }>;
}

export interface SecretsRepo {
  /** Stores the secret sealed; `expiresAt` null = current. */
  create(data: { integrationId: string; purpose: "ingest" | "delivery"; secret: string; now: Date }): Promise<void>;
  /** Secrets valid now for a purpose, newest first (current one, then any in grace period). */
  valid(integrationId: string, purpose: "ingest" | "delivery", now: Date): Promise<string[]>;
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
}
