// Raw SQL written once for both stores: "$1"-style placeholders (PostgreSQL's
// own) are rewritten to SQLite's "?" in order, repeating arguments as needed.
import type { DbTx } from "./client";
import type { Provider } from "./database-url";

function forProvider(provider: Provider, text: string, args: unknown[]): [string, unknown[]] {
  if (provider === "postgresql") return [text, args];
  const ordered: unknown[] = [];
  const sql = text.replace(/\$(\d+)/g, (_, n: string) => {
    ordered.push(args[Number(n) - 1]);
    return "?";
  });
  return [sql, ordered];
}

export function rawExecute(db: DbTx, provider: Provider, text: string, args: unknown[]): Promise<number> {
  const [sql, ordered] = forProvider(provider, text, args);
  return db.$executeRawUnsafe(sql, ...ordered);
}

export function rawQuery<T>(db: DbTx, provider: Provider, text: string, args: unknown[]): Promise<T[]> {
  const [sql, ordered] = forProvider(provider, text, args);
  return db.$queryRawUnsafe<T[]>(sql, ...ordered);
}

/** SQL truncating a timestamp column to the minute, as ISO text (the same on both stores). */
export function minuteOf(provider: Provider, column: string): string {
  return provider === "postgresql"
    ? `to_char(date_trunc('minute', ${column}), 'YYYY-MM-DD"T"HH24:MI:00Z')`
    : `strftime('%Y-%m-%dT%H:%M:00Z', ${column})`;
}

/** SQL for the milliseconds from `earlier` to `later` (two timestamp columns). */
export function msBetween(provider: Provider, later: string, earlier: string): string {
  return provider === "postgresql"
    ? `(EXTRACT(EPOCH FROM (${later} - ${earlier})) * 1000)`
    : `((julianday(${later}) - julianday(${earlier})) * 86400000.0)`;
}
