// The audit log of a period as NDJSON for a SIEM or an auditor: streamed from the store in keyset pages, oldest
// first, so memory stays one page whatever the period holds. Exporting is itself audited, when it starts.
import { z } from "zod";
import { audit } from "./record";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { parseInput } from "../parse";
import { ZAuditSubject } from "./list-audit";
import { auditFilter, auditView } from "./view";

export const EXPORT_PAGE_SIZE = 500;
export const MAX_EXPORT_DAYS = 366;
const DAY_MS = 86_400_000;

const time = z.iso.datetime({ offset: true, error: "give a time in ISO 8601 with a zone, e.g. 2026-01-31T00:00:00Z" });

export const ZAuditExportQuery = ZAuditSubject.extend({ from: time, to: time }).superRefine((q, issue) => {
  const span = Date.parse(q.to) - Date.parse(q.from);
  if (span <= 0) issue.addIssue({ code: "custom", path: ["to"], message: "to must be later than from" });
  else if (span > MAX_EXPORT_DAYS * DAY_MS)
    issue.addIssue({ code: "custom", path: ["to"], message: `the period may be at most ${MAX_EXPORT_DAYS} days` });
});
export type TAuditExportQuery = z.input<typeof ZAuditExportQuery>;

export interface AuditExport {
  filename: string;
  /** entries in the period when the export started (what the stream holds) */
  count: number;
  /** NDJSON text, one piece per page of entries; the store is read as the pieces are pulled */
  pieces: AsyncIterable<string>;
}

/** `20260131T000000Z`: ISO 8601 basic format, safe in a file name. */
const compact = (at: Date) =>
  at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");

/**
 * Entries with from ≤ at < to (and the list's actor / object filters) that exist when the export starts — the upper
 * bound is cut to now, so the stream holds exactly `count` lines even while others keep writing.
 * Writes the `audit.export` entry (who, period, filters, count) before anything is streamed.
 * @throws 403 for other roles than admin; 400 `invalid_input` for a missing, malformed or inverted period or one over
 * 366 days
 */
export async function exportAudit({ ctx, input }: { ctx: Ctx; input: TAuditExportQuery }): Promise<AuditExport> {
  authorize(ctx, "audit.export");
  const q = parseInput(ZAuditExportQuery, input, "query");
  const startedAt = ctx.now();
  const filter = auditFilter(q);
  const to = new Date(Math.min(filter.to!.getTime(), startedAt.getTime()));
  const snapshot = { ...filter, to };
  const count = await ctx.transaction(async (tx) => {
    const n = await tx.repos.audit.count(snapshot);
    await audit(tx, {
      action: "audit.export",
      objectType: "audit",
      objectId: "export",
      after: { from: q.from, to: q.to, actor: q.actor ?? null, object: q.object ?? null, count: n },
    });
    return n;
  });
  return {
    filename: `signalbox-audit-${compact(filter.from!)}-${compact(filter.to!)}.ndjson`,
    count,
    pieces: pages(ctx, snapshot),
  };
}

async function* pages(ctx: Ctx, filter: ReturnType<typeof auditFilter>): AsyncGenerator<string> {
  let cursor: string | undefined;
  do {
    const page = await ctx.repos.audit.list(filter, { cursor, limit: EXPORT_PAGE_SIZE, order: "asc" });
    if (page.items.length) yield page.items.map((e) => JSON.stringify(auditView(e)) + "\n").join("");
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
