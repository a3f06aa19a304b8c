// Taking a subject's data out of stored JSON and text: the needles (the value being erased, the records' keys) are
// replaced, and records under payload-like keys become the tombstone.

/** What an erased payload becomes. */
export const ERASED_PAYLOAD = { erased: true };
/** What an erased piece of text becomes. */
export const ERASED_TEXT = "[erased]";
/** Keys shorter than this are not looked for in free text (they would match too much). */
export const MIN_NEEDLE = 3;
/** Object keys whose values are records: dropped whole from audit entries. */
const PAYLOAD_KEYS = new Set(["payload", "deliveryPayload", "record", "body"]);

export function scrubText(text: string, needles: string[]): string {
  let out = text;
  for (const n of needles) if (n.length >= MIN_NEEDLE) out = out.split(n).join(ERASED_TEXT);
  return out;
}

const holds = (v: unknown, needles: string[]) => {
  const text = JSON.stringify(v) ?? "";
  return needles.some((n) => n.length >= MIN_NEEDLE && text.includes(n));
};

/** A JSON document without the needles: records under payload-like keys become the tombstone (all of them when
 * `dropPayloads`, else those holding a needle), other strings and keys lose the needles. */
export function redact(value: unknown, needles: string[], dropPayloads: boolean): unknown {
  if (typeof value === "string") return scrubText(value, needles);
  if (Array.isArray(value)) return value.map((v) => redact(v, needles, dropPayloads));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        scrubText(k, needles),
        PAYLOAD_KEYS.has(k) && v !== null && (dropPayloads || holds(v, needles))
          ? typeof v === "string"
            ? ERASED_TEXT // a text stays a text (a response body): readers show it as one
            : ERASED_PAYLOAD
          : redact(v, needles, dropPayloads),
      ]),
    );
  return value;
}
