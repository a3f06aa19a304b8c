import type { DriftRepo } from "@/lib/core/ports";
import type { DbTx } from "../client";
import type { Provider } from "../database-url";
import { newId, sqliteTime } from "../ids";
import { rawExecute } from "../raw";

export function driftRepo(db: DbTx, provider: Provider): DriftRepo {
  return {
    async count(contractVersionId, rows, now) {
      const unique = [...new Map(rows.map((r) => [`${r.kind}\u0000${r.path}`, r])).values()];
      if (unique.length === 0) return;
      const at = provider === "postgresql" ? now : sqliteTime(now);
      const params: unknown[] = [];
      const values = unique.map((r) => {
        params.push(newId(), contractVersionId, r.kind, r.path, JSON.stringify(r.example ?? null), at, at);
        const n = params.length;
        return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, 1, $${n - 2}${provider === "postgresql" ? "::jsonb" : ""}, $${n - 1}, $${n})`;
      });
      await rawExecute(
        db,
        provider,
        `INSERT INTO "DriftCount" ("id", "contractVersionId", "kind", "path", "count", "example", "firstSeenAt", "lastSeenAt") VALUES ${values.join(", ")}
         ON CONFLICT ("contractVersionId", "kind", "path") DO UPDATE SET "count" = "DriftCount"."count" + 1, "lastSeenAt" = excluded."lastSeenAt"`,
        params,
      );
    },
  };
}
