// People and what they did: users, sessions, API tokens, and the audit trail.
import type { Role } from "../permissions";

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
  create(data: {
    email: string;
    name: string;
    role: Role;
    passwordHash: string;
    oidcSubject?: string;
    now: Date;
  }): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  findByEmailWithHash(
    email: string,
  ): Promise<(UserRecord & { passwordHash: string; oidcSubject: string | null }) | null>;
  /** The user who signs in through single sign-on as this OpenID Connect subject. */
  findByOidcSubject(subject: string): Promise<UserRecord | null>;
  list(): Promise<UserRecord[]>;
  update(
    id: string,
    patch: {
      role?: Role;
      disabled?: boolean;
      name?: string;
      passwordHash?: string;
      email?: string;
      oidcSubject?: string;
    },
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
  expiresAt: Date | null;
}

export interface TokensRepo {
  create(data: {
    userId: string;
    name: string;
    tokenHash: string;
    prefix: string;
    now: Date;
    expiresAt: Date | null;
  }): Promise<TokenRecord>;
  listForUser(userId: string): Promise<TokenRecord[]>;
  /** Every user's tokens with their owner (admins), newest first, at most `limit`. */
  listAll(limit: number): Promise<(TokenRecord & { owner: { id: string; name: string; email: string } })[]>;
  findById(id: string): Promise<TokenRecord | null>;
  /** The token and its user, only if not revoked, not expired at `now`, and the user is enabled. */
  findActiveByHash(tokenHash: string, now: Date): Promise<{ token: TokenRecord; user: UserRecord } | null>;
  revoke(id: string, now: Date): Promise<TokenRecord>;
  /** End every active token of a user; returns how many. */
  revokeAllForUser(userId: string, now: Date): Promise<number>;
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
  /** Keyset pages on (at, id): newest first unless `order` is "asc". */
  list(
    filter: AuditFilter,
    page: { cursor?: string; limit: number; order?: "asc" | "desc" },
  ): Promise<Page<AuditRecord>>;
  /** How many entries match (bounded by the caller's period; uses the (at, id) index). */
  count(filter: AuditFilter): Promise<number>;
  findById(id: string): Promise<AuditRecord | null>;
}
