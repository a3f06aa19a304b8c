// Is the store's schema the one this copy of Signalbox was built for? Web and worker processes ask before they
// start and wait for it; only the launcher and `npm run migrate` apply migrations (the migrator must never race a
// busy store from a restarting process). Read with plain drivers, not Prisma's schema engine.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "./database-url";

export interface SchemaStatus {
  /** migrations of this copy not applied to the store, oldest first */
  pending: string[];
  /** migrations applied to the store that this copy does not know (the store was migrated by a newer copy) */
  unknown: string[];
}

/** The project folder: from this file where Node runs it, the working directory inside Next's bundle (no dirname). */
const ROOT = import.meta.dirname ? path.resolve(import.meta.dirname, "../..") : process.cwd();

/** The committed migrations for a provider, oldest first. */
export function committedMigrations(provider: DatabaseTarget["provider"], root = ROOT): string[] {
  const dir = path.join(root, "prisma", provider, "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

const APPLIED = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

async function appliedMigrations(target: DatabaseTarget): Promise<string[]> {
  if (target.provider === "sqlite") {
    if (!fs.existsSync(target.url)) return [];
    const db = new Database(target.url, { readonly: true, timeout: 5_000 });
    try {
      const table = db
        .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`)
        .get();
      if (!table) return [];
      return (db.prepare(APPLIED).all() as { migration_name: string }[]).map((r) => r.migration_name);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const result = await client.query<{ migration_name: string }>(APPLIED);
    return result.rows.map((r) => r.migration_name);
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") return []; // no migrations table: nothing applied yet
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Compare the committed migrations with those a store has applied. */
export function compareMigrations(committed: string[], appliedNames: string[]): SchemaStatus {
  const applied = new Set(appliedNames);
  const known = new Set(committed);
  return {
    pending: committed.filter((m) => !applied.has(m)),
    unknown: [...applied].filter((m) => !known.has(m)).sort(),
  };
}

/** The status of a store not yet opened (a fresh connection with the plain driver). */
export async function schemaStatus(target: DatabaseTarget, root = ROOT): Promise<SchemaStatus> {
  return compareMigrations(committedMigrations(target.provider, root), await appliedMigrations(target));
}

/** The status of an open store, over its own connections (readiness probes ask often). */
export async function openStoreSchema(store: {
  provider: DatabaseTarget["provider"];
  db: { $queryRawUnsafe<T>(sql: string): Promise<T> };
}): Promise<SchemaStatus> {
  committed[store.provider] ??= committedMigrations(store.provider);
  // No migrations table yet: nothing applied (the store was reached, so this is not a connection problem).
  const rows = await store.db.$queryRawUnsafe<{ migration_name: string }[]>(APPLIED).catch(() => []);
  return compareMigrations(
    committed[store.provider]!,
    rows.map((r) => r.migration_name),
  );
}
const committed: Partial<Record<DatabaseTarget["provider"], string[]>> = {};

/** One plain line saying what is wrong with the schema and what to run, or null when it is current. */
export function describeSchema(status: SchemaStatus): string | null {
  if (status.unknown.length)
    return `the store was migrated by a newer Signalbox (${status.unknown.at(-1)}); run that version, or upgrade this one`;
  if (status.pending.length)
    return `the store's schema is not current (${status.pending.length} migration${status.pending.length === 1 ? "" : "s"} not applied); npm start applies them, or run npm run migrate`;
  return null;
}

/**
 * Wait until the store's schema is current (another process may be migrating it), checking every `everyMs`.
 * Resolves when it is; throws one plain line when `waitMs` passes first (or at once when the store is newer).
 * A store that cannot be reached yet is waited for too.
 */
export async function waitForSchema(
  target: DatabaseTarget,
  options: { waitMs: number; everyMs?: number; onWait?: (line: string) => void; root?: string },
): Promise<void> {
  const until = Date.now() + options.waitMs;
  let told = false;
  for (;;) {
    let problem: string | null;
    try {
      const status = await schemaStatus(target, options.root);
      problem = describeSchema(status);
      if (status.unknown.length) throw new Error(problem!);
    } catch (error) {
      if ((error as Error).message.startsWith("the store was migrated")) throw error;
      problem = `cannot reach the ${target.provider === "sqlite" ? "embedded" : "PostgreSQL"} store: ${(error as Error).message.split("\n")[0]}`;
    }
    if (!problem) return;
    if (Date.now() >= until) throw new Error(problem);
    if (!told) options.onWait?.(`${problem}; waiting up to ${Math.round(options.waitMs / 1000)} s`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 1_000));
  }
}
