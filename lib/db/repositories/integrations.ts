import { conflict } from "@/lib/core/errors";
import type { Integration, IntegrationPatch, RateLimit, RetryPolicy, WebhookTarget } from "@/lib/core/integrations/types";
import type { IntegrationsRepo } from "@/lib/core/ports";
import { Prisma } from "../../../generated/postgresql/client.ts";
import type { DbTx } from "../client";
import { isUniqueViolation } from "../errors";
import { json } from "./json";

type Row = Prisma.IntegrationGetPayload<object>;

export function toIntegration(row: Row): Integration {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    mode: row.mode,
    lifecycle: row.lifecycle,
    sourceSystem: row.sourceSystem,
    targetSystem: row.targetSystem,
    description: row.description,
    destination: (row.destination as WebhookTarget | null) ?? null,
    replayWebhook: (row.replayWebhook as WebhookTarget | null) ?? null,
    notificationWebhook: row.notificationWebhook,
    retryPolicy: row.retryPolicy as unknown as RetryPolicy,
    rateLimit: row.rateLimit as unknown as RateLimit,
    slaMinutes: row.slaMinutes,
    alertThresholds: row.alertThresholds,
    runbook: row.runbook,
    manualFallback: row.manualFallback,
    owners: {
      logic: row.ownerLogicId,
      dataQuality: row.ownerDataQualityId,
      incident: row.ownerIncidentId,
      triage: row.ownerTriageId,
    },
    liveAt: row.liveAt,
    pausedAt: row.pausedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}


function toData(patch: IntegrationPatch) {
  const { owners, destination, replayWebhook, retryPolicy, rateLimit, alertThresholds, ...rest } = patch;
  const data: Record<string, unknown> = { ...rest };
  const jsonFields = { destination, replayWebhook, retryPolicy, rateLimit, alertThresholds };
  for (const [key, value] of Object.entries(jsonFields)) {
    if (value === undefined) continue;
    data[key] = value === null ? Prisma.DbNull : json(value);
  }
  if (owners) {
    if (owners.logic !== undefined) data.ownerLogicId = owners.logic;
    if (owners.dataQuality !== undefined) data.ownerDataQualityId = owners.dataQuality;
    if (owners.incident !== undefined) data.ownerIncidentId = owners.incident;
    if (owners.triage !== undefined) data.ownerTriageId = owners.triage;
  }
  for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
  return data;
}

export function integrationsRepo(db: DbTx): IntegrationsRepo {
  return {
    async activity(ids, now) {
      const hourAgo = new Date(now.getTime() - 3_600_000);
      const open = await db.exception.groupBy({ by: ["integrationId"], where: { status: "open", integrationId: { in: ids } }, _count: { _all: true } });
      return Promise.all(
        ids.map(async (integrationId) => {
          const [last, eventsLastHour] = await Promise.all([
            db.event.findFirst({ where: { integrationId }, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], select: { receivedAt: true } }),
            db.event.count({ where: { integrationId, receivedAt: { gte: hourAgo } } }),
          ]);
          return { integrationId, lastEventAt: last?.receivedAt ?? null, eventsLastHour, openExceptions: open.find((o) => o.integrationId === integrationId)?._count._all ?? 0 };
        }),
      );
    },
    async create(data, now) {
      try {
        const row = await db.integration.create({
          data: {
            ...(toData(data) as Prisma.IntegrationUncheckedCreateInput),
            slug: data.slug,
            mode: data.mode,
            createdAt: now,
            updatedAt: now,
          },
        });
        return toIntegration(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict("slug_taken", `An integration with slug "${data.slug}" already exists.`);
        throw error;
      }
    },
    findBySlug: async (slug) => {
      const row = await db.integration.findUnique({ where: { slug } });
      return row ? toIntegration(row) : null;
    },
    findById: async (id) => {
      const row = await db.integration.findUnique({ where: { id } });
      return row ? toIntegration(row) : null;
    },
    list: async () => (await db.integration.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }] })).map(toIntegration),
    update: async (id, patch, now) =>
      toIntegration(await db.integration.update({ where: { id }, data: { ...toData(patch), updatedAt: now } })),
  };
}
