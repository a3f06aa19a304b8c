// Reconciliation: uploaded ids in a staging table, findings computed with
// set-based SQL (the same statements on both stores; only the id expression
// and placeholders differ), so 100k ids compare in the database, not in memory.
import type { FindingKind, FindingRecord, ReconciliationRecord, ReconciliationsRepo } from "@/lib/core/ports";
import { FINDING_KINDS } from "@/lib/core/ports";
import type { DbTx, Prisma } from "../client";
import type { Provider } from "../database-url";
import { newId } from "../ids";
import { rawExecute } from "../raw";
import { decodeCursor, pageOf } from "../keyset";
import { json } from "./json";

type Row = Prisma.ReconciliationGetPayload<object>;
const toRecord = (r: Row): ReconciliationRecord => ({
  ...r,
  status: r.status as ReconciliationRecord["status"],
  summary: (r.summary as ReconciliationRecord["summary"]) ?? null,
});

const ITEM = `"ReconciliationItem"`;
const EV = `"Event"`;

/** The five finding queries. $1 = reconciliation id, $2 = integration id. */
function findingSql(idExpr: string, concat: (...parts: string[]) => string): Record<FindingKind, string> {
  const insert = `INSERT INTO "ReconciliationFinding" ("id","reconciliationId","kind","sourceId","targetId","eventId","detail")`;
  const events = (entity: string, extra = "") =>
    `SELECT 1 FROM ${EV} e WHERE e."integrationId" = $2 AND e."entityKey" = ${entity} AND e."source" <> 'self_test' ${extra}`;
  const latest = (col: string, entity: string) =>
    `(SELECT e.${col} FROM ${EV} e WHERE e."integrationId" = $2 AND e."entityKey" = ${entity} AND e."status" = 'succeeded' AND e."targetId" IS NOT NULL ORDER BY e."completedAt" DESC, e."id" DESC LIMIT 1)`;
  return {
    missing_received: `${insert}
      SELECT ${idExpr}, $1, 'missing_received', s."externalId", NULL, NULL, 'The source holds it; Signalbox never received it.'
      FROM ${ITEM} s WHERE s."reconciliationId" = $1 AND s."side" = 'source' AND NOT EXISTS (${events(`s."externalId"`)})`,
    not_delivered: `${insert}
      SELECT ${idExpr}, $1, 'not_delivered', s."externalId", NULL,
        (SELECT e."id" FROM ${EV} e WHERE e."integrationId" = $2 AND e."entityKey" = s."externalId" ORDER BY e."receivedAt" DESC, e."id" DESC LIMIT 1),
        'Signalbox received it but has not delivered it.'
      FROM ${ITEM} s WHERE s."reconciliationId" = $1 AND s."side" = 'source'
        AND EXISTS (${events(`s."externalId"`)})
        AND NOT EXISTS (${events(`s."externalId"`, `AND e."status" IN ('succeeded', 'overridden', 'discarded')`)})`,
    missing_in_target: `${insert}
      SELECT ${idExpr}, $1, 'missing_in_target', s."externalId",
        (SELECT e."targetId" FROM ${EV} e WHERE e."integrationId" = $2 AND e."entityKey" = s."externalId" AND e."status" = 'succeeded' ORDER BY e."completedAt" DESC, e."id" DESC LIMIT 1),
        (SELECT e."id" FROM ${EV} e WHERE e."integrationId" = $2 AND e."entityKey" = s."externalId" AND e."status" = 'succeeded' ORDER BY e."completedAt" DESC, e."id" DESC LIMIT 1),
        'Delivered, but the target does not hold it.'
      FROM ${ITEM} s WHERE s."reconciliationId" = $1 AND s."side" = 'source'
        AND EXISTS (${events(`s."externalId"`, `AND e."status" = 'succeeded'`)})
        AND NOT EXISTS (SELECT 1 FROM ${ITEM} t WHERE t."reconciliationId" = $1 AND t."side" = 'target' AND t."otherId" = s."externalId")
        AND NOT EXISTS (SELECT 1 FROM ${ITEM} t JOIN ${EV} e ON e."integrationId" = $2 AND e."entityKey" = s."externalId" AND e."targetId" = t."externalId"
                        WHERE t."reconciliationId" = $1 AND t."side" = 'target')`,
    unknown_in_target: `${insert}
      SELECT ${idExpr}, $1, 'unknown_in_target', t."otherId", t."externalId", NULL, 'The target holds it; no source record or event matches.'
      FROM ${ITEM} t WHERE t."reconciliationId" = $1 AND t."side" = 'target'
        AND (t."otherId" IS NULL OR NOT EXISTS (SELECT 1 FROM ${ITEM} s WHERE s."reconciliationId" = $1 AND s."side" = 'source' AND s."externalId" = t."otherId"))
        AND NOT EXISTS (SELECT 1 FROM ${EV} e WHERE e."integrationId" = $2 AND e."targetId" = t."externalId")
        AND (t."otherId" IS NULL OR NOT EXISTS (${events(`t."otherId"`)}))`,
    id_mismatch: `${insert}
      SELECT ${idExpr}, $1, 'id_mismatch', x."otherId", x."externalId", x."eventId", ${concat(`'Signalbox delivered it as '`, `x."tid"`, `', the target holds it as '`, `x."externalId"`)}
      FROM (SELECT t."otherId", t."externalId", ${latest(`"targetId"`, `t."otherId"`)} AS "tid", ${latest(`"id"`, `t."otherId"`)} AS "eventId"
            FROM ${ITEM} t WHERE t."reconciliationId" = $1 AND t."side" = 'target' AND t."otherId" IS NOT NULL) x
      WHERE x."tid" IS NOT NULL AND x."tid" <> x."externalId"
        AND NOT EXISTS (SELECT 1 FROM ${EV} e WHERE e."integrationId" = $2 AND e."entityKey" = x."otherId" AND e."targetId" = x."externalId")`,
  };
}

export function reconciliationsRepo(db: DbTx, provider: Provider): ReconciliationsRepo {
  const sql =
    provider === "postgresql"
      ? findingSql("gen_random_uuid()::text", (...p) => p.join(" || "))
      : findingSql("lower(hex(randomblob(16)))", (...p) => p.join(" || "));
  const run = (text: string, args: unknown[]) => rawExecute(db, provider, text, args);
  return {
    create: async ({ integrationId, periodFrom, periodTo, createdById, now }) =>
      toRecord(
        await db.reconciliation.create({
          data: { integrationId, periodFrom, periodTo, createdById, status: "uploading", createdAt: now },
        }),
      ),
    get: async (id) => {
      const row = await db.reconciliation.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    listForIntegration: async (integrationId, limit) =>
      (
        await db.reconciliation.findMany({
          where: { integrationId },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: limit,
        })
      ).map(toRecord),
    async addItems(id, side, items) {
      let added = 0;
      for (let i = 0; i < items.length; i += 500) {
        const chunk = items.slice(i, i + 500);
        const params: unknown[] = [];
        const values = chunk.map((item) => {
          params.push(newId(), id, side, item.externalId, item.otherId);
          const n = params.length;
          return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
        });
        added += await run(
          `INSERT INTO ${ITEM} ("id","reconciliationId","side","externalId","otherId") VALUES ${values.join(", ")} ON CONFLICT ("reconciliationId","side","externalId") DO NOTHING`,
          params,
        );
      }
      return added;
    },
    async setStatus(id, patch) {
      await db.reconciliation.update({
        where: { id },
        data: { ...patch, summary: patch.summary === undefined ? undefined : json(patch.summary) },
      });
    },
    async compute(id) {
      const recon = await db.reconciliation.findUniqueOrThrow({ where: { id } });
      await db.reconciliationFinding.deleteMany({ where: { reconciliationId: id } });
      const counts = {} as Record<FindingKind, number>;
      for (const kind of FINDING_KINDS) counts[kind] = await run(sql[kind], [id, recon.integrationId]);
      return counts;
    },
    async findings(id, filter, { cursor, limit }) {
      const after = decodeCursor(cursor);
      const rows = await db.reconciliationFinding.findMany({
        where: {
          reconciliationId: id,
          ...(filter.kind ? { kind: filter.kind } : {}),
          ...(filter.ids ? { id: { in: filter.ids } } : {}),
          ...(after ? { id: { gt: after.id } } : {}),
        },
        orderBy: { id: "asc" },
        take: limit + 1,
      });
      const items = rows.map((r): FindingRecord => ({
        id: r.id,
        kind: r.kind as FindingKind,
        sourceId: r.sourceId,
        targetId: r.targetId,
        eventId: r.eventId,
        detail: r.detail,
        exceptionId: r.exceptionId,
      }));
      return pageOf(items, limit, () => new Date(0));
    },
    async linkException(findingId, exceptionId) {
      await db.reconciliationFinding.update({ where: { id: findingId }, data: { exceptionId } });
    },
  };
}
