// Ids for rows the hot paths insert without Prisma: the same shape as Prisma's
// cuid() (c + time + counter + random), so ids look alike whichever path wrote them.
// The time is the row's own (an event's arrival): on PostgreSQL events and their
// stages are partitioned by day on these ids (lib/db/partitions.ts), so ids sort by time.
import { randomBytes } from "node:crypto";

// Unique without a random draw per id: a random per-process part plus a counter.
// (Ids are identifiers, not secrets; nothing relies on them being unguessable.)
let counter = randomBytes(4).readUInt32BE(0) % 1_679_616;
const processPart = BigInt(`0x${randomBytes(6).toString("hex")}`)
  .toString(36)
  .padStart(10, "0")
  .slice(0, 10);
let sequence = 0;

/** An id made at `at` (ms; now by default). */
export function newId(at: number = Date.now()): string {
  counter = (counter + 1) % 1_679_616;
  sequence = (sequence + 1) % 1_679_616;
  return `${idBound(at)}${counter.toString(36).padStart(4, "0")}${processPart.slice(0, 6)}${sequence.toString(36).padStart(4, "0")}`;
}

/** SQLite stores Prisma DateTime as ISO 8601 text with +00:00; write it the same way. */
export function sqliteTime(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

/** The smallest id made at `ms` or later (and larger than every id made before): c + the time in base 36. */
export function idBound(ms: number): string {
  return `c${Math.max(0, Math.floor(ms)).toString(36).padStart(8, "0")}`;
}
