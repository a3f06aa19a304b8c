import type { DriftRepo } from "@/lib/core/ports";
import type { DbTx } from "../client";
import { json } from "./json";

export function driftRepo(db: DbTx): DriftRepo {
  return {
    async count(contractVersionId, kind, paths, example, now) {
      for (const path of new Set(paths)) {
        await db.driftCount.upsert({
          where: { contractVersionId_kind_path: { contractVersionId, kind, path } },
          create: { contractVersionId, kind, path, count: 1, example: json(example), firstSeenAt: now, lastSeenAt: now },
          update: { count: { increment: 1 }, lastSeenAt: now },
        });
      }
    },
  };
}
