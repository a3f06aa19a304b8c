// Erasure: an admin removes everything Signalbox holds about a subject. The preview names the count first; the run
// re-reads the same selection and refuses if the count changed. Each batch of events is one transaction; texts
// outside the events (audit entries, drift examples, queued notifications, other exceptions' notes) lose the value
// afterwards. One audit entry names the request (its reference and counts), never the value.
import { randomUUID } from "node:crypto";
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { conflict, DomainError, invalidInput, notFound } from "../errors";
import type { Integration } from "../integrations/types";
import { parseInput } from "../parse";
import type { ErasureCandidate } from "../ports";
import { ZErasureQuery, ZErasureRun, type TErasurePreview, type TErasureQuery, type TErasureResult } from "./schemas";

/** Records one erasure may cover: more is refused (narrow it to an integration), so no request works unbounded. */
export const MAX_ERASED = 10_000;
/** Events per transaction. */
const BATCH = 200;
/** Rounds of the scrub outside the events (each changes at most a few hundred rows per table). */
const MAX_SCRUB_ROUNDS = 50;

async function select(ctx: Ctx, query: TErasureQuery, asOf: Date) {
  let integrations: Integration[];
  if (query.integration) {
    const one = await ctx.repos.integrations.findBySlug(query.integration);
    if (!one) throw notFound(`Integration ${query.integration}`, "integration_not_found");
    integrations = [one];
  } else integrations = await ctx.repos.integrations.list();
  const found = await ctx.repos.erasure.find(
    query.match,
    query.value,
    integrations.map((i) => i.id),
    asOf,
    MAX_ERASED + 1,
  );
  if (found.length > MAX_ERASED)
    throw new DomainError(
      "unprocessable",
      "erasure_too_large",
      `More than ${MAX_ERASED.toLocaleString("en")} records match: erase one integration at a time.`,
    );
  return { integrations, found };
}

function summary(integrations: Integration[], found: ErasureCandidate[], asOf: Date): TErasurePreview {
  const per = integrations
    .map((i) => {
      const mine = found.filter((f) => f.integrationId === i.id);
      const held = mine.filter((f) => f.legalHold).length;
      return { slug: i.slug, name: i.name, count: mine.length - held, held };
    })
    .filter((i) => i.count + i.held > 0);
  return {
    asOf: asOf.toISOString(),
    count: per.reduce((n, i) => n + i.count, 0),
    held: per.reduce((n, i) => n + i.held, 0),
    integrations: per,
  };
}

/** How many records an erasure would remove (and keep under legal hold), per integration. Nothing changes. */
export async function previewErasure({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<TErasurePreview> {
  authorize(ctx, "events.erase");
  const query = parseInput(ZErasureQuery, input);
  const asOf = ctx.now();
  const { integrations, found } = await select(ctx, query, asOf);
  return summary(integrations, found, asOf);
}

/**
 * Erase the subject's records. @throws 409 `erasure_count_changed` when the store holds another count than the
 * confirmation showed; 422 `erasure_too_large`; 400 when the reference holds the value
 */
export async function eraseSubject({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<TErasureResult> {
  authorize(ctx, "events.erase");
  const run = parseInput(ZErasureRun, input);
  if (run.reference.includes(run.value))
    throw invalidInput("The reference is kept in the audit trail: it must not contain the value being erased.", [
      { path: "/reference", message: "must not contain the value being erased" },
    ]);
  const asOf = run.asOf ? new Date(run.asOf) : ctx.now();
  const { integrations, found } = await select(ctx, run, asOf);
  const before = summary(integrations, found, asOf);
  if (before.count !== run.expectedCount)
    throw conflict(
      "erasure_count_changed",
      `${before.count} records match now, not ${run.expectedCount}: look again before erasing.`,
      before,
    );
  const now = ctx.now();
  const erasable = found.filter((f) => !f.legalHold);
  // Ingest looks arriving keys up hashed from here on (before the first key is hashed, so no replay slips through).
  for (const i of integrations)
    if (erasable.some((f) => f.integrationId === i.id))
      await ctx.repos.integrations.update(i.id, { erasedAt: now }, now);
  let erased = 0;
  for (let at = 0; at < erasable.length; at += BATCH) {
    const ids = erasable.slice(at, at + BATCH).map((f) => f.id);
    erased += await ctx.transaction((tx) => tx.repos.erasure.erase(ids, run.value, now));
  }
  for (let round = 0; round < MAX_SCRUB_ROUNDS; round++)
    if ((await ctx.transaction((tx) => tx.repos.erasure.scrub(run.value))) === 0) break;

  const id = randomUUID();
  const result = { ...before, count: erased };
  await audit(ctx, {
    action: "erasure.completed",
    objectType: "erasure",
    objectId: id,
    reason: run.reference,
    after: {
      match: run.match,
      scope: run.integration ?? "every integration",
      erased,
      held: result.held,
      integrations: Object.fromEntries(result.integrations.map((i) => [i.slug, { erased: i.count, held: i.held }])),
    },
  });
  return { id, erased, held: result.held, integrations: result.integrations };
}
