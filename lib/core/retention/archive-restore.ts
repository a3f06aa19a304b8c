// `npm run archive:restore FILE`: archived events come back into the store for a look, under legal hold (so the
// next retention pass leaves them), their exceptions closed. Lines are checked one by one; one audit entry at the end
// says what came back, from which file.
import { z } from "zod";
import { audit } from "../audit/record";
import type { Ctx } from "../context";
import type { ArchivedEvent } from "../ports";

const row = z.record(z.string(), z.unknown());
const ZArchivedEvent = z.object({
  event: row.and(
    z.object({ id: z.string(), integrationId: z.string(), idempotencyKey: z.string(), receivedAt: z.iso.datetime() }),
  ),
  stages: z.array(row.and(z.object({ startedAt: z.iso.datetime() }))),
  arrivals: z.array(row.and(z.object({ receivedAt: z.iso.datetime() }))),
  replays: z.array(row.and(z.object({ createdAt: z.iso.datetime() }))),
  exceptions: z.array(row.and(z.object({ openedAt: z.iso.datetime(), dueAt: z.iso.datetime() }))),
});

export interface RestoreCounts {
  restored: number;
  /** still in the store */
  present: number;
  /** their integration was deleted */
  noIntegration: number;
  /** a newer event holds the same key */
  keyTaken: number;
  /** lines that are not archived events */
  unreadable: number;
}

export async function restoreArchive(ctx: Ctx, file: string, lines: AsyncIterable<string>): Promise<RestoreCounts> {
  const counts: RestoreCounts = { restored: 0, present: 0, noIntegration: 0, keyTaken: 0, unreadable: 0 };
  for await (const line of lines) {
    if (!line.trim()) continue;
    let parsed: ArchivedEvent;
    try {
      parsed = ZArchivedEvent.parse(JSON.parse(line)) as ArchivedEvent;
    } catch {
      counts.unreadable++;
      continue;
    }
    const outcome = await ctx.transaction((tx) => tx.repos.retention.restore(parsed));
    if (outcome === "restored") counts.restored++;
    else if (outcome === "present") counts.present++;
    else if (outcome === "no_integration") counts.noIntegration++;
    else counts.keyTaken++;
  }
  await audit(ctx, {
    action: "archive.restored",
    objectType: "store",
    objectId: "archive",
    after: { file, ...counts },
  });
  return counts;
}
