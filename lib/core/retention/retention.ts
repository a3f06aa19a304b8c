// Retention: each integration's payload and record lifetimes (instance defaults, per-integration overrides, legal
// holds), the worker's expiry pass, and the legal hold on one event. Never expired or purged: events with an open
// exception, unfinished events, anything under legal hold. KPI rollups are their own rows and stay; the rollup pass
// leaves the hours retention may have thinned alone (`frozenBefore`).
import { audit } from "../audit/record";
import { expireDays } from "./days";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { parseInput } from "../parse";
import type { Archive } from "../ports";
import {
  DEFAULT_RETENTION,
  ZLegalHold,
  ZRetention,
  type TRetention,
  type TRetentionView,
  type TStoreView,
} from "./schemas";

const DAY_MS = 86_400_000;
/** Events per statement, and statements per integration and kind in one pass: the rest waits for the next pass. */
const BATCH = 500;
const MAX_BATCHES = 40;

export interface Lifetimes {
  payloadDays: number | null;
  recordDays: number | null;
  legalHold: boolean;
}

/** The saved policy (a document that no longer validates counts as none: the defaults apply). */
async function stored(ctx: Ctx): Promise<TRetention & { updatedAt: Date | null }> {
  const row = await ctx.repos.retention.policy();
  const parsed = row ? ZRetention.safeParse(row.value) : null;
  return parsed?.success ? { ...parsed.data, updatedAt: row!.updatedAt } : { ...DEFAULT_RETENTION, updatedAt: null };
}

export function lifetimesOf(policy: TRetention, integrationId: string): Lifetimes {
  const own = policy.integrations[integrationId] ?? {};
  return {
    payloadDays: own.payloadDays === undefined ? policy.defaults.payloadDays : own.payloadDays,
    recordDays: own.recordDays === undefined ? policy.defaults.recordDays : own.recordDays,
    legalHold: own.legalHold ?? false,
  };
}

/** Hours before this (per integration) may have lost raw rows: the KPI rollup keeps what it computed for them. */
export async function frozenBefore(ctx: Ctx): Promise<(integrationId: string) => Date | null> {
  const policy = await stored(ctx);
  const now = ctx.now().getTime();
  return (integrationId) => {
    const l = lifetimesOf(policy, integrationId);
    return l.recordDays === null || l.legalHold ? null : new Date(now - l.recordDays * DAY_MS);
  };
}

export async function getRetention({ ctx }: { ctx: Ctx }): Promise<TRetentionView> {
  authorize(ctx, "settings.read");
  const { updatedAt, ...policy } = await stored(ctx);
  return { policy, updatedAt: updatedAt?.toISOString() ?? null };
}

export async function setRetention({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<TRetentionView> {
  authorize(ctx, "settings.retention");
  const policy = parseInput(ZRetention, input);
  const known = new Set((await ctx.repos.integrations.list()).map((i) => i.id));
  for (const id of Object.keys(policy.integrations))
    if (!known.has(id)) throw notFound(`Integration ${id}`, "integration_not_found");
  return ctx.transaction(async (tx) => {
    const { updatedAt: _, ...before } = await stored(tx);
    await tx.repos.retention.savePolicy(policy, tx.now());
    await audit(tx, {
      action: "settings.retention",
      objectType: "settings",
      objectId: "retention",
      before,
      after: policy,
    });
    return { policy, updatedAt: tx.now().toISOString() };
  });
}

export async function setLegalHold({ ctx, eventId, input }: { ctx: Ctx; eventId: string; input: unknown }) {
  authorize(ctx, "events.legal_hold");
  const { hold, reason } = parseInput(ZLegalHold, input);
  return ctx.transaction(async (tx) => {
    if (!(await tx.repos.retention.setLegalHold(eventId, hold))) throw notFound("Event");
    await audit(tx, {
      action: hold ? "event.legal_hold" : "event.legal_hold_released",
      objectType: "event",
      objectId: eventId,
      reason,
    });
    return { id: eventId, legalHold: hold };
  });
}

export interface RetentionPass {
  /** events written to the archive before they changed (SIGNALBOX_ARCHIVE_DIR) */
  archived?: number;
  payloads: number;
  records: number;
  /** PostgreSQL: the days whose partitions were dropped (`20261028`) */
  days?: string[];
  audit: number;
  /** store pages given back to the file system (SQLite) */
  reclaimedPages: number;
  /** by integration slug, where anything was removed */
  integrations: Record<string, { payloads: number; records: number }>;
}

/** Repeat a bounded step until it finds less than a batch, or the pass's share is spent. A step returns how many it
 * changed, or `[changed, found]` when some it found no longer qualified. */
async function drain(step: () => Promise<number | [number, number]>): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = await step();
    const [changed, found] = typeof n === "number" ? [n, n] : n;
    total += changed;
    if (found < BATCH) break;
  }
  return total;
}

/**
 * The worker's expiry pass (every few minutes; safe from several workers). One audit entry says what it removed.
 * With an archive, expiring records are written to it first; when another worker holds the archive, this pass
 * expires nothing (that one does).
 */
export async function expireRetention(ctx: Ctx, options: { archive?: Archive } = {}): Promise<RetentionPass> {
  const { archive } = options;
  // PostgreSQL: the days ahead get their partitions (each pass, so a week without a worker is the only gap).
  await ctx.repos.retention.prepareDays(ctx.now());
  if (archive && !(await archive.begin()))
    return { payloads: 0, records: 0, audit: 0, reclaimedPages: 0, integrations: {} };
  try {
    return await expire(ctx, archive);
  } finally {
    await archive?.end();
  }
}

async function expire(ctx: Ctx, archive: Archive | undefined): Promise<RetentionPass> {
  const now = ctx.now();
  const policy = await stored(ctx);
  const pass: RetentionPass = { payloads: 0, records: 0, audit: 0, reclaimedPages: 0, integrations: {} };
  // PostgreSQL: whole days first (their partitions dropped), then what is left in batches.
  const days = await expireDays(ctx, policy, now, archive);
  let archived = days.archived;
  if (days.days.length) pass.days = days.days;
  for (const integration of await ctx.repos.integrations.list()) {
    const l = lifetimesOf(policy, integration.id);
    if (l.legalHold) continue;
    const writer = archive?.writer(integration.slug);
    const cutoff = (d: number) => new Date(now.getTime() - d * DAY_MS);
    // Each batch: pick, archive (outside any transaction: file writes must not hold the store), then change what
    // still qualifies.
    const step = async (kind: "payloads" | "records", before: Date): Promise<[number, number]> => {
      const ids = await ctx.repos.retention.due(kind, integration.id, before, BATCH);
      if (!ids.length) return [0, 0];
      if (writer) archived += await ctx.repos.retention.archive(ids, writer, kind === "records");
      const changed = await ctx.transaction((tx) =>
        kind === "records"
          ? tx.repos.retention.purgeRecords(integration.id, ids, before)
          : tx.repos.retention.expirePayloads(integration.id, ids, before, now),
      );
      return [changed, ids.length];
    };
    const records =
      (days.removed[integration.slug] ?? 0) +
      (l.recordDays === null ? 0 : await drain(() => step("records", cutoff(l.recordDays!))));
    const payloads = l.payloadDays === null ? 0 : await drain(() => step("payloads", cutoff(l.payloadDays!)));
    if (payloads || records) pass.integrations[integration.slug] = { payloads, records };
    pass.payloads += payloads;
    pass.records += records;
  }
  if (archive) pass.archived = archived;
  const auditDays = policy.defaults.auditDays;
  if (auditDays !== null)
    pass.audit = await drain(() => ctx.repos.retention.purgeAudit(new Date(now.getTime() - auditDays * DAY_MS), BATCH));
  if (!pass.payloads && !pass.records && !pass.audit) return pass;
  pass.reclaimedPages = await ctx.repos.retention.reclaim();
  await audit(ctx, { action: "retention.expired", objectType: "store", objectId: "retention", after: { ...pass } });
  return pass;
}

/** The store's size, estimated rows, and per integration its oldest record and when the next expiries are due. */
export async function getStoreOverview({ ctx }: { ctx: Ctx }): Promise<TStoreView> {
  authorize(ctx, "settings.read");
  const [policy, overview, integrations] = await Promise.all([
    stored(ctx),
    ctx.repos.retention.overview(),
    ctx.repos.integrations.list(),
  ]);
  const due = (from: Date | null, days: number | null, hold: boolean) =>
    from && days !== null && !hold ? new Date(from.getTime() + days * DAY_MS).toISOString() : null;
  return {
    provider: overview.provider,
    sizeBytes: overview.sizeBytes,
    rows: overview.rows,
    integrations: integrations.map((i) => {
      const l = lifetimesOf(policy, i.id);
      const o = overview.integrations.find((x) => x.integrationId === i.id);
      return {
        slug: i.slug,
        name: i.name,
        oldestAt: o?.oldestAt?.toISOString() ?? null,
        legalHold: l.legalHold,
        nextPayloadExpiryAt: due(o?.oldestPayloadAt ?? null, l.payloadDays, l.legalHold),
        nextRecordExpiryAt: due(o?.oldestAt ?? null, l.recordDays, l.legalHold),
      };
    }),
  };
}
