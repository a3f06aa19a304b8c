import type { Prisma } from "../client";

/** Prisma wants DbNull for "no JSON"; plain undefined/null become SQL NULL. */
export function json(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
