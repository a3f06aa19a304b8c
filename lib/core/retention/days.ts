// Whole days (PostgreSQL): a day stored in partitions of its own goes at once — its partitions dropped — when the
// record lifetime of every integration with events in it has passed for the whole day. Its events are archived first
// (with an archive) and their keys released; events that must stay are moved out by the store. Days that hold an
// integration keeping its records longer wait for it; meanwhile the batched deletes remove the others' records.
import type { Ctx } from "../context";
import type { Archive, StoredDay } from "../ports";
import type { TRetention } from "./schemas";
import { lifetimesOf } from "./retention";

const DAY_MS = 86_400_000;
/** Events per step while archiving a day and releasing its keys. */
const STEP = 2_000;

export interface DaysPass {
  /** the days dropped (`20261028`) */
  days: string[];
  /** events removed, by integration slug */
  removed: Record<string, number>;
  /** events moved out of dropped days because they must stay */
  kept: number;
  archived: number;
}

export async function expireDays(
  ctx: Ctx,
  policy: TRetention,
  now: Date,
  archive: Archive | undefined,
): Promise<DaysPass> {
  const pass: DaysPass = { days: [], removed: {}, kept: 0, archived: 0 };
  const integrations = await ctx.repos.integrations.list();
  const slugOf = new Map(integrations.map((i) => [i.id, i.slug]));
  /** Before this instant, the integration's records may go (null: kept for ever, or under a legal hold). */
  const cutoff = (id: string) => {
    const l = lifetimesOf(policy, id);
    return l.recordDays === null || l.legalHold ? null : now.getTime() - l.recordDays * DAY_MS;
  };
  const cutoffs = integrations.map((i) => cutoff(i.id)).filter((c): c is number => c !== null);
  if (!cutoffs.length) return pass;
  for (const day of await ctx.repos.retention.storedDays(new Date(Math.max(...cutoffs)))) {
    const present = await ctx.repos.retention.integrationsOfDay(day);
    if (!present) continue; // dropped meanwhile by another worker
    const end = day.start.getTime() + DAY_MS;
    if (!present.every((id) => (cutoff(id) ?? -Infinity) >= end)) continue;
    for (const id of present) pass.archived += await prepareDay(ctx, day, id, archive?.writer(slugOf.get(id) ?? id));
    const counted = await ctx.repos.retention.countDay(day);
    const dropped = await ctx
      .transaction((tx) => tx.repos.retention.dropDay(day))
      .catch((error: unknown) => {
        // The tables stayed busy past the lock timeout: the next pass tries again.
        if (/55P03|lock timeout/i.test(String((error as Error)?.message ?? error))) return null;
        throw error;
      });
    if (!dropped) continue; // another worker is dropping days, or dropped this one, or the tables were busy
    pass.days.push(day.name);
    for (const [id, n] of Object.entries(counted)) {
      const kept = dropped.kept[id] ?? 0;
      const slug = slugOf.get(id) ?? id;
      pass.kept += kept;
      if (n > kept) pass.removed[slug] = (pass.removed[slug] ?? 0) + n - kept;
    }
  }
  return pass;
}

/** Archive the day's events of one integration that still hold their payload, release their keys and delete their
 * closed exceptions (the day's drop then has little left to do under its lock).
 * @returns how many were archived */
export async function prepareDay(
  ctx: Ctx,
  day: StoredDay,
  integrationId: string,
  writer: ReturnType<Archive["writer"]> | undefined,
): Promise<number> {
  let archived = 0;
  for (let after = ""; ;) {
    const ids = await ctx.repos.retention.removableInDay(day, integrationId, after, STEP);
    if (!ids.length) return archived;
    if (writer) archived += await ctx.repos.retention.archive(ids, writer, true);
    await ctx.repos.retention.releaseEvents(ids);
    after = ids.at(-1)!;
  }
}
