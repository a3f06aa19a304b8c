// The Prisma client factory: one client per process for the configured store.
// Both generated clients share one model, so the PostgreSQL client's types
// describe either; raw SQL that differs by provider stays in the repositories.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import pg from "pg";
import { PrismaClient as PgPrismaClient } from "../../generated/postgresql/client.ts";
import { PrismaClient as SqlitePrismaClient } from "../../generated/sqlite/client.ts";
import { resolveDatabase, type DatabaseTarget, type Provider } from "./database-url";

export type Db = PgPrismaClient;
export type { Prisma } from "../../generated/postgresql/client.ts";
/** A client or an interactive-transaction client. */
export type DbTx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** The driver under Prisma, for the few hot paths written in plain SQL (lib/db/hot). */
export type Driver = { kind: "postgresql"; pool: pg.Pool } | { kind: "sqlite"; db: Database.Database };

export interface Store {
  readonly db: Db;
  readonly provider: Provider;
  readonly target: DatabaseTarget;
  readonly driver: Driver;
  /** Run `fn` when the store closes (listeners opened on its behalf). */
  onClose(fn: () => Promise<void>): void;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL pool size (default 10) */
  poolSize?: number;
  /** receive every SQL statement (tests use it to prove list queries never use OFFSET) */
  onQuery?: (sql: string, params: string) => void;
}

type QueryLogging = { $on(event: "query", cb: (e: { query: string; params: string }) => void): void };

function withQueryLog(db: Db, onQuery?: (sql: string, params: string) => void): Db {
  if (onQuery) (db as unknown as QueryLogging).$on("query", (e) => onQuery(e.query, e.params));
  return db;
}

const logOption = (options: StoreOptions) => ({
  log: options.onQuery ? [{ emit: "event" as const, level: "query" as const }] : [],
});

export async function createStore(
  target: DatabaseTarget = resolveDatabase(),
  options: StoreOptions = {},
): Promise<Store> {
  if (target.provider === "postgresql") {
    // One pool for Prisma and the hot paths alike.
    const pool = new pg.Pool({ connectionString: target.url, max: options.poolSize ?? 10 });
    const adapter = new PrismaPg(pool);
    const db = withQueryLog(new PgPrismaClient({ adapter, ...logOption(options) }) as unknown as Db, options.onQuery);
    await db.$connect();
    const closers: (() => Promise<void>)[] = [];
    const close = async () => {
      await Promise.all(closers.map((fn) => fn().catch(() => {})));
      await db.$disconnect();
      await pool.end().catch(() => {});
    };
    return {
      db,
      provider: "postgresql",
      target,
      driver: { kind: "postgresql", pool },
      onClose: (fn) => closers.push(fn),
      close,
    };
  }
  // One writer at a time; other processes (web + worker) wait up to 10 s for the lock.
  const adapter = new PrismaBetterSQLite3({ url: target.url, timeout: 10_000 });
  const db = withQueryLog(new SqlitePrismaClient({ adapter, ...logOption(options) }) as unknown as Db, options.onQuery);
  await db.$connect();
  // WAL lets readers work beside the writer; FULL makes a commit durable before we acknowledge it.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  // The hot paths' own connection to the same file (better-sqlite3 is synchronous and fast).
  const raw = new Database(target.url, { timeout: 10_000 });
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = FULL");
  raw.pragma("foreign_keys = ON");
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    await Promise.all(closers.map((fn) => fn().catch(() => {})));
    await db.$disconnect();
    raw.close();
  };
  return {
    db,
    provider: "sqlite",
    target,
    driver: { kind: "sqlite", db: raw },
    onClose: (fn) => closers.push(fn),
    close,
  };
}

const holder = globalThis as unknown as { __signalboxStore?: Promise<Store> };

/** The process-wide store (kept on globalThis so dev reloads reuse one client). */
export function getStore(): Promise<Store> {
  holder.__signalboxStore ??= createStore();
  return holder.__signalboxStore;
}
