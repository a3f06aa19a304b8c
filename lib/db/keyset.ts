// Keyset pagination helpers: a cursor is the (time, id) of the last row shown,
// and the next page continues strictly after it. Never OFFSET.

export interface KeysetCursor {
  at: Date;
  id: string;
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): KeysetCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(at);
    if (typeof id !== "string" || Number.isNaN(date.getTime())) return undefined;
    return { at: date, id };
  } catch {
    return undefined;
  }
}

/** The WHERE part that continues a listing after `cursor` on (field, id): newest first (default) or oldest first. */
export function afterCursor<F extends string>(
  field: F,
  cursor: KeysetCursor | undefined,
  order: "desc" | "asc" = "desc",
) {
  if (!cursor) return {};
  const past = order === "desc" ? "lt" : "gt";
  return {
    OR: [{ [field]: { [past]: cursor.at } }, { [field]: cursor.at, id: { [past]: cursor.id } }],
  } as Record<string, unknown>;
}

/** Fetch limit+1 rows, return `limit` and the cursor of the last one if more exist. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number, at: (row: T) => Date) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(at(last), last.id) : null };
}
