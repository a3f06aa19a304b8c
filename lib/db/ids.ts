// Ids for rows the hot paths insert without Prisma: the same shape as Prisma's
// cuid() (c + time + counter + random), so ids look alike whichever path wrote them.
import { randomBytes } from "node:crypto";

let counter = Math.floor(Math.random() * 1_679_616);
const host = randomBytes(3).toString("hex").slice(0, 4);

export function newId(): string {
  counter = (counter + 1) % 1_679_616;
  return `c${Date.now().toString(36)}${counter.toString(36).padStart(4, "0")}${host}${randomBytes(6).toString("base64url").toLowerCase().replace(/[^a-z0-9]/g, "0").slice(0, 8)}`;
}

/** SQLite stores Prisma DateTime as ISO 8601 text with +00:00; write it the same way. */
export function sqliteTime(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}
