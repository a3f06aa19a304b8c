import type { EntitiesRepo } from "@/lib/core/ports";
import type { DbTx } from "../client";

export function entitiesRepo(db: DbTx): EntitiesRepo {
  return {
    // One statement on both stores: insert, or raise the stored version only when
    // strictly newer. PostgreSQL's row lock / SQLite's single writer make the
    // check and the update one atomic step, so two versions cannot both win.
    async advance(integrationId, entityKey, version, eventId, now) {
      const rows = await db.$queryRaw<{ eventId: string }[]>`
        INSERT INTO "EntityVersion" ("integrationId", "entityKey", "version", "eventId", "updatedAt")
        VALUES (${integrationId}, ${entityKey}, ${version}, ${eventId}, ${now})
        ON CONFLICT ("integrationId", "entityKey") DO UPDATE
          SET "version" = excluded."version", "eventId" = excluded."eventId", "updatedAt" = excluded."updatedAt"
          WHERE "EntityVersion"."version" < excluded."version"
        RETURNING "eventId"`;
      return rows.length === 1 && rows[0]!.eventId === eventId;
    },
  };
}
