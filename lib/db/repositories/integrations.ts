import { conflict } from "@/lib/core/errors";
import type { Integration, IntegrationPatch, RateLimit, RetryPolicy, WebhookTarget } from "@/lib/core/integrations/types";
import type { IntegrationsRepo } from "@/lib/core/ports";
import type { SecretBox } from "@/lib/core/security/secret-box";
import { Prisma } from "../../../generated/postgresql/client.ts";
import type { DbTx } from "../client";
import { isUniqueViolation } from "../errors";
import { json } from "./json";

type Row = Prisma.IntegrationGetPayload<object>;

// Static header values of destinations and replay webhooks may carry credentials:
// stored sealed (secret box), opened only by the repository for the sender.
// Values stored before sealing existed read as they are.
const SEALED = "sealed:";

function sealTarget(target: WebhookTarget | null | undefined, box: SecretBox): WebhookTarget | null | undefined {
  if (!target) return target;
  return { ...target, headers: Object.fromEntries(Object.entries(target.headers ?? {}).map(([k, v]) => [k, SEALED + box.seal(v)])) };
}

function openTarget(raw: unknown, box: SecretBox | undefined): WebhookTarget | null {
  const target = (raw as WebhookTarget | null) ?? null;
  if (!target || !box) return target;
  return { ...target, headers: Object.fromEntries(Object.entries(target.headers ?? {}).map(([k, v]) => [k, v.startsWith(SEALED) ? box.open(v.slice(SEALED.length)) : v])) };
}

/** `box` opens sealed header values; without it (ingest's hot path, which never sends) they stay sealed. */
export function toIntegration(row: Row, box?: SecretBox): Integration {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    mode: row.mode,
    lifecycle: row.lifecycle,
    sourceSystem: row.sourceSystem,
    targetSystem: row.targetSystem,
    description: row.description,
    destination: openTarget(row.destination, box),
    replayWebhook: openTarget(row.replayWebhook, box),
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
    archivedAt: row.archivedAt ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}


function toData(patch: IntegrationPatch, box: SecretBox) {
  const { owners, destination, replayWebhook, retryPolicy, rateLimit, alertThresholds, ...rest } = patch;
  const data: Record<string, unknown> = { ...rest };
  const jsonFields = { destination: sealTarget(destination, box), replayWebhook: sealTarget(replayWebhook, box), retryPolicy, rateLimit, alertThresholds };
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

export function integrationsRepo(db: DbTx, box: SecretBox): IntegrationsRepo {
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
            ...(toData(data, box) as Prisma.IntegrationUncheckedCreateInput),
            slug: data.slug,
            mode: data.mode,
            createdAt: now,
            updatedAt: now,
          },
        });
        return toIntegration(row, box);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict("slug_taken", `An integration with slug "${data.slug}" already exists.`);
        throw error;
      }
    },
    findBySlug: async (slug) => {
      const row = await db.integration.findUnique({ where: { slug } });
      return row ? toIntegration(row, box) : null;
    },
    findById: async (id) => {
      const row = await db.integration.findUnique({ where: { id } });
      return row ? toIntegration(row, box) : null;
    },
    list: async (options = {}) =>
      (
        await db.integration.findMany({
          where: options.archived === undefined ? {} : { archivedAt: options.archived ? { not: null } : null },
          orderBy: [{ name: "asc" }, { id: "asc" }],
        })
      ).map((row) => toIntegration(row, box)),
    update: async (id, patch, now) =>
      toIntegration(await db.integration.update({ where: { id }, data: { ...toData(patch, box), updatedAt: now } }), box),
  };
}
