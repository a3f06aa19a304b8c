// Streaming an id upload into a reconciliation: the body is read chunk by
// chunk, split into lines (CSV/text) and written in batches, so 100k ids never
// sit in memory as one string (JSON uploads are parsed whole, up to 64 MiB).
import type { Ctx } from "@/lib/core/context";
import { DomainError, invalidInput } from "@/lib/core/errors";
import { decodeUtf8, parseJsonText } from "@/lib/core/json-text";
import { parseIdJson, parseIdLine, type UploadedId } from "@/lib/core/reconciliation/parse-ids";
import { addIds, finishUpload } from "@/lib/core/reconciliation/reconcile";
import { readLimited, tooLarge } from "./read-body";

const MAX_BYTES = 64 * 1_048_576;
const BATCH = 2_000;
/** Longest line accepted in a CSV/text upload (an id and a second column fit many times over). */
export const MAX_LINE = 4_096;

const lineTooLong = (lineNumber: number) =>
  invalidInput(
    `Line ${lineNumber} is longer than ${MAX_LINE} characters: upload one id per line (CSV or plain text).`,
    [{ path: `/line/${lineNumber}`, message: "line too long" }],
  );

export async function uploadIds(ctx: Ctx, id: string, side: "source" | "target", req: Request) {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  let added = 0;
  if (type.includes("json")) {
    const ids = parseIdJson(parseJsonText(decodeUtf8(await readLimited(req, MAX_BYTES), "The upload"), "The upload"));
    for (let i = 0; i < ids.length; i += BATCH) added += await addIds({ ctx, id, side, ids: ids.slice(i, i + BATCH) });
    return finishUpload({ ctx, id, side, added });
  }
  if (!/text\/(csv|plain)/.test(type)) {
    throw new DomainError(
      "unsupported_media_type",
      "unsupported_media_type",
      "Upload ids as text/csv, text/plain (one per line) or application/json.",
    );
  }
  if (!req.body) return finishUpload({ ctx, id, side, added });
  const reader = req.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = "";
  let lineNumber = 0;
  let size = 0;
  let batch: UploadedId[] = [];
  const flush = async () => {
    if (batch.length) added += await addIds({ ctx, id, side, ids: batch });
    batch = [];
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (value) {
      size += value.length;
      if (size > MAX_BYTES) throw tooLarge(MAX_BYTES);
      // Only the new text is scanned: the unfinished line is carried over, never rescanned, and bounded.
      const end = value.lastIndexOf("\n");
      if (end === -1) {
        rest += value;
        if (rest.length > MAX_LINE) throw lineTooLong(lineNumber + 1);
        continue;
      }
      const lines = (rest + value.slice(0, end)).split("\n");
      rest = value.slice(end + 1);
      for (const line of lines) {
        if (line.length > MAX_LINE) throw lineTooLong(lineNumber + 1);
        const parsed = parseIdLine(line.endsWith("\r") ? line.slice(0, -1) : line, ++lineNumber);
        if (parsed) batch.push(parsed);
      }
      if (rest.length > MAX_LINE) throw lineTooLong(lineNumber + 1);
      if (batch.length >= BATCH) await flush();
    }
    if (done) break;
  }
  const last = parseIdLine(rest.endsWith("\r") ? rest.slice(0, -1) : rest, ++lineNumber);
  if (last) batch.push(last);
  await flush();
  return finishUpload({ ctx, id, side, added });
}
