// Recognising database outcomes that the domain treats as facts, not failures.

/** A unique constraint said "already exists" (Prisma P2002 on either store). */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  const e = error as {
    code?: string;
    meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } };
    message?: string;
  };
  if (e?.code !== "P2002") return false;
  if (!field) return true;
  const target = e.meta?.target;
  const fields = Array.isArray(target)
    ? (target as string[])
    : typeof target === "string"
      ? [target]
      : (e.meta?.driverAdapterError?.cause?.constraint?.fields ?? []);
  return (
    fields.length === 0 ||
    fields.some((f) => f.replace(/"/g, "").includes(field)) ||
    (typeof target === "string" && target.includes(field))
  );
}

/** SQLite's "database is locked/busy": another process holds the write lock. */
export function isBusy(error: unknown): boolean {
  const text =
    String((error as { message?: string })?.message ?? "") + JSON.stringify((error as { meta?: unknown })?.meta ?? {});
  return /SQLITE_BUSY|database is locked|SocketTimeout|Transaction already closed.*timeout/i.test(text);
}

/** PostgreSQL serialization failure or deadlock: safe to run the transaction again. */
export function isRetryableConflict(error: unknown): boolean {
  const text =
    String((error as { message?: string })?.message ?? "") + JSON.stringify((error as { meta?: unknown })?.meta ?? {});
  return /40001|40P01|could not serialize|deadlock detected/i.test(text);
}
