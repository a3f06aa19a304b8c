// The check behind "no copy left": every table and text column (JSON included) of the store, searched for a needle
// (PostgreSQL's day partitions through their parent table).
import type { Store } from "@/lib/db/client";
import { provider } from "./store";

/** Every row of every table whose text (JSON included) contains `needle`: "table.column". */
export async function findEverywhere(store: Store, needle: string): Promise<string[]> {
  const hits: string[] = [];
  const columns =
    provider === "postgresql"
      ? await store.db.$queryRawUnsafe<{ t: string; c: string }[]>(
          `SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'json', 'character varying')
              -- a partitioned table is read whole through its parent
              AND NOT EXISTS (SELECT 1 FROM pg_class p WHERE p.relname = table_name AND p.relispartition)`,
        )
      : (
          await Promise.all(
            (
              await store.db.$queryRawUnsafe<{ name: string }[]>(
                `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
              )
            ).map(async ({ name }) =>
              (await store.db.$queryRawUnsafe<{ name: string; type: string }[]>(`PRAGMA table_info("${name}")`))
                .filter((c) => /TEXT|JSONB?/i.test(c.type))
                .map((c) => ({ t: name, c: c.name })),
            ),
          )
        ).flat();
  for (const { t, c } of columns) {
    const text = provider === "postgresql" ? `"${c}"::text` : `"${c}"`;
    const rows = await store.db.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT count(*) AS n FROM "${t}" WHERE ${text} LIKE '%' || ${provider === "postgresql" ? "$1" : "?"} || '%'`,
      needle,
    );
    if (Number(rows[0]!.n) > 0) hits.push(`${t}.${c}`);
  }
  return hits.sort();
}
