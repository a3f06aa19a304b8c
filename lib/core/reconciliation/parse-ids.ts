// Reading uploaded ids: CSV/plain text one per line (an optional header row;
// for the target side a second column with the source id it claims), or JSON
// (an array of ids, or of { targetId, sourceId } / { id } objects). Pure.
import { invalidInput } from "../errors";

export interface UploadedId {
  externalId: string;
  otherId: string | null;
}

const HEADER = /^\s*"?(id|source_?id|target_?id|external_?id|record_?id)"?\s*(,|;|\t|$)/i;

function cell(text: string): string {
  const t = text.trim();
  return t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

/** One CSV/text line → an id (null for blank lines and the header). */
export function parseIdLine(line: string, lineNumber: number): UploadedId | null {
  if (!line.trim() || (lineNumber === 1 && HEADER.test(line))) return null;
  const [first, second] = line.split(/[,;\t]/);
  const externalId = cell(first ?? "");
  if (!externalId) return null;
  const other = second === undefined ? "" : cell(second);
  return { externalId: externalId.slice(0, 512), otherId: other ? other.slice(0, 512) : null };
}

/** A JSON upload → ids. @throws 400 when it is not an array of ids or id objects */
export function parseIdJson(value: unknown): UploadedId[] {
  if (!Array.isArray(value)) throw invalidInput("Send a JSON array of ids, or of { targetId, sourceId } objects.");
  return value.map((v, i) => {
    if (typeof v === "string" || typeof v === "number") return { externalId: String(v), otherId: null };
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      const externalId = o.targetId ?? o.id ?? o.sourceId;
      if (externalId !== undefined && externalId !== null) {
        return {
          externalId: String(externalId),
          otherId:
            o.targetId !== undefined && o.sourceId !== undefined && o.sourceId !== null ? String(o.sourceId) : null,
        };
      }
    }
    throw invalidInput(`Item ${i} is not an id.`, [
      { path: `/${i}`, message: "expected a string, a number or { id } / { targetId, sourceId }" },
    ]);
  });
}
