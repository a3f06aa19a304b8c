// The exception queue's group key: integration + category + error signature, as one opaque string.
import type { z } from "zod";
import { ZCategory } from "./schemas";

export function groupKey(integrationId: string, category: string, signature: string): string {
  return Buffer.from(JSON.stringify([integrationId, category, signature])).toString("base64url");
}

export function parseGroupKey(
  key: string,
): { integrationId: string; category: z.infer<typeof ZCategory>; signature: string } | null {
  try {
    const [integrationId, category, signature] = JSON.parse(Buffer.from(key, "base64url").toString("utf8")) as string[];
    const parsed = ZCategory.safeParse(category);
    return integrationId && signature !== undefined && parsed.success
      ? { integrationId, category: parsed.data, signature }
      : null;
  } catch {
    return null;
  }
}
