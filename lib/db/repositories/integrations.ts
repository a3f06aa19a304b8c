import { conflict } from "@/lib/core/errors";
import type {
  Integration,
  IntegrationPatch,
  RateLimit,
  RetryPolicy,
  WebhookTarget,
} from "@/lib/core/integrations/types";
import { SECRET_CHANNELS } from "@/lib/core/integrations/secret-urls";
import type { IntegrationsRepo } from "@/lib/core/ports";
import type { SecretBox } from "@/lib/core/security/secret-box";
import { Prisma } from "../../../generated/postgresql/client.ts";
import type { DbTx } from "../client";
import { isUniqueViolation } from "../errors";
import { json } from "./json";

type Row = Prisma.IntegrationGetPayload<object>;

// Static header values of destinations and replay webhooks, the notification
// webhook, the alert channels' URLs and paging keys may carry credentials: stored sealed
// (secret box), opened only by the repository. Values stored before sealing
// existed read as they are and are sealed in place the first time the row is
// read with the box (or with the next write).
const SEALED = "sealed:";

// Values coming from the domain are always plain (rows are opened on read), so every write seals.
const sealValue = (v: string, box: SecretBox) => SEALED + box.seal(v);
const openValue = (v: string, box: SecretBox | undefined) =>
  box && v.startsWith(SEALED) ? box.open(v.slice(SEALED.length)) : v;
const CHANNELS = SECRET_CHANNELS;
type Thresholds = { notify?: Partial<Record<(typeof CHANNELS)[number], string>> } & Record<string, unknown>;

function mapThresholds(raw: unknown, f: (v: string) => string): unknown {
  const t = raw as Thresholds | null | undefined;
  if (!t || typeof t !== "object" || !t.notify) return raw;
  const notify = { ...t.notify };
  for (const c of CHANNELS) if (typeof notify[c] === "string") notify[c] = f(notify[c]!);
  return { ...t, notify };
}

/** Does this row still hold a credential in the clear (stored before sealing)? */
function holdsPlaintext(row: Row): boolean {
  const plain = (v: unknown) => typeof v === "string" && !v.startsWith(SEALED);
  const headers = (t: unknown) => Object.values((t as WebhookTarget | null)?.headers ?? {}).some(plain);
  const notify = (row.alertThresholds as Thresholds | null)?.notify;
  return (
    plain(row.notificationWebhook) ||
    headers(row.destination) ||
    headers(row.replayWebhook) ||
    CHANNELS.some((c) => plain(notify?.[c]))
  );
}

function sealTarget(target: WebhookTarget | null | undefined, box: SecretBox): WebhookTarget | null | undefined {
  if (!target) return target;
  return {
    ...target,
    headers: Object.fromEntries(Object.entries(target.headers ?? {}).map(([k, v]) => [k, sealValue(v, box)])),
  };
}

function openTarget(raw: unknown, box: SecretBox | undefined): WebhookTarget | null {
  const target = (raw as WebhookTarget | null) ?? null;
  if (!target || !box) return target;
  return {
    ...target,
    headers: Object.fromEntries(Object.entries(target.headers ?? {}).map(([k, v]) => [k, openValue(v, box)])),
  };
}

/** `box` opens sealed values; without it (ingest's hot path, which never sends) they stay sealed. */
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
    notificationWebhook: row.notificationWebhook === null ? null : openValue(row.notificationWebhook, box),
    retryPolicy: row.retryPolicy as unknown as RetryPolicy,
    rateLimit: row.rateLimit as unknown as RateLimit,
    slaMinutes: row.slaMinutes,
    alertThresholds: box ? mapThresholds(row.alertThresholds, (v) => openValue(v, box)) : row.alertThresholds,
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
    erasedAt: row.erasedAt ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toData(patch: IntegrationPatch, box: SecretBox) {
  const { owners, destination, replayWebhook, retryPolicy, rateLimit, alertThresholds, notificationWebhook, ...rest } =
    patch;
  const data: Record<string, unknown> = { ...rest };
  if (notificationWebhook !== undefined)
    data.notificationWebhook = notificationWebhook === null ? null : sealValue(notificationWebhook, box);
  const sealedThresholds =
    alertThresholds === undefined || alertThresholds === null
      ? alertThresholds
      : mapThresholds(alertThresholds, (v) => sealValue(v, box));
  const jsonFields = {
    destination: sealTarget(destination, box),
    replayWebhook: sealTarget(replayWebhook, box),
    retryPolicy,
    rateLimit,
    alertThresholds: sealedThresholds,
  };
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
  /** Open a row; a row still holding a credential in the clear is sealed in place first (once, guarded by updatedAt). */
  async function read(row: Row): Promise<Integration> {
    const integration = toIntegration(row, box);
    if (holdsPlaintext(row)) {
      const { destination, replayWebhook, notificationWebhook, alertThresholds } = integration;
      await db.integration.updateMany({
        where: { id: row.id, updatedAt: row.updatedAt },
        data: toData({ destination, replayWebhook, notificationWebhook, alertThresholds }, box),
      });
    }
    return integration;
  }
  return {
    async activity(ids, now) {
      const hourAgo = new Date(now.getTime() - 3_600_000);
      const open = await db.exception.groupBy({
        by: ["integrationId"],
        where: { status: "open", integrationId: { in: ids } },
        _count: { _all: true },
      });
      return Promise.all(
        ids.map(async (integrationId) => {
          const [last, eventsLastHour] = await Promise.all([
            db.event.findFirst({
              where: { integrationId },
              orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
              select: { receivedAt: true },
            }),
            db.event.count({ where: { integrationId, receivedAt: { gte: hourAgo } } }),
          ]);
          return {
            integrationId,
            lastEventAt: last?.receivedAt ?? null,
            eventsLastHour,
            openExceptions: open.find((o) => o.integrationId === integrationId)?._count._all ?? 0,
          };
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
        if (isUniqueViolation(error))
          throw conflict("slug_taken", `An integration with slug "${data.slug}" already exists.`);
        throw error;
      }
    },
    findBySlug: async (slug) => {
      const row = await db.integration.findUnique({ where: { slug } });
      return row ? read(row) : null;
    },
    findById: async (id) => {
      const row = await db.integration.findUnique({ where: { id } });
      return row ? read(row) : null;
    },
    list: async (options = {}) => {
      const rows = await db.integration.findMany({
        where: options.archived === undefined ? {} : { archivedAt: options.archived ? { not: null } : null },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      });
      const out: Integration[] = [];
      for (const row of rows) out.push(await read(row));
      return out;
    },
    update: async (id, patch, now) =>
      toIntegration(
        await db.integration.update({ where: { id }, data: { ...toData(patch, box), updatedAt: now } }),
        box,
      ),
  };
}
