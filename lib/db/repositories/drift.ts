// Drift statistics: unknown fields and validation failures counted per contract version and path. Records counted
// together are written together (a group commit per store: one upsert with the summed counts, in key order), so a
// burst of drifting records neither serialises on the same rows nor holds the pool.
import type { DriftRepo } from "@/lib/core/ports";
import type { DbTx } from "../client";
import type { Provider } from "../database-url";
import { GroupCommit } from "../hot/group-commit";
import { newId, sqliteTime } from "../ids";
import { rawExecute } from "../raw";

type Counted = Parameters<DriftRepo["count"]>;
type Row = { contractVersionId: string; kind: string; path: string; example: unknown; n: number; at: Date };

const batchers = new WeakMap<object, GroupCommit<Counted, void>>();

async function upsert(db: DbTx, provider: Provider, items: Counted[]): Promise<void[]> {
  const merged = new Map<string, Row>();
  for (const [contractVersionId, rows, now] of items) {
    for (const r of rows) {
      const key = `${contractVersionId}\u0000${r.kind}\u0000${r.path}`;
      const seen = merged.get(key);
      if (seen) {
        seen.n++;
        if (now > seen.at) seen.at = now;
      } else merged.set(key, { contractVersionId, kind: r.kind, path: r.path, example: r.example, n: 1, at: now });
    }
  }
  const rows = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  if (rows.length) {
    const params: unknown[] = [];
    const values = rows.map((r) => {
      const at = provider === "postgresql" ? r.at : sqliteTime(r.at);
      params.push(newId(), r.contractVersionId, r.kind, r.path, r.n, JSON.stringify(r.example ?? null), at, at);
      const n = params.length;
      return `($${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}${provider === "postgresql" ? "::int" : ""}, $${n - 2}${provider === "postgresql" ? "::jsonb" : ""}, $${n - 1}, $${n})`;
    });
    await rawExecute(
      db,
      provider,
      `INSERT INTO "DriftCount" ("id", "contractVersionId", "kind", "path", "count", "example", "firstSeenAt", "lastSeenAt") VALUES ${values.join(", ")}
       ON CONFLICT ("contractVersionId", "kind", "path") DO UPDATE SET "count" = "DriftCount"."count" + excluded."count", "lastSeenAt" = excluded."lastSeenAt"`,
      params,
    );
  }
  return items.map(() => undefined);
}

export function driftRepo(db: DbTx, provider: Provider): DriftRepo {
  return {
    count(contractVersionId, rows, now) {
      const unique = [...new Map(rows.map((r) => [`${r.kind}\u0000${r.path}`, r])).values()];
      if (unique.length === 0) return Promise.resolve();
      let batcher = batchers.get(db);
      if (!batcher) {
        batcher = new GroupCommit<Counted, void>(
          (items) => upsert(db, provider, items),
          async (item) => void (await upsert(db, provider, [item])),
          { maxBatch: 256, maxWaitMs: 2 },
          "drift",
        );
        batchers.set(db, batcher);
      }
      return batcher.submit([contractVersionId, unique, now]);
    },
  };
}
