// Streaming an id upload into a reconciliation: the body is read chunk by
// chunk, split into lines (CSV/text) and written in batches, so 100k ids never
// sit in memory as one string (JSON uploads are parsed whole, up to 64 MiB).
import type { Ctx } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import { parseIdJson, parseIdLine, type UploadedId } from "@/lib/core/reconciliation/parse-ids";
import { addIds, finishUpload } from "@/lib/core/reconciliation/reconcile";
import { readLimited, tooLarge } from "./read-body";

const MAX_BYTES = 64 * 1_048_576;
const BATCH = 2_000;

export async function uploadIds(ctx: Ctx, id: string, side: "source" | "target", req: Request) {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  let added = 0;
  if (type.includes("json")) {
    const ids = parseIdJson(JSON.parse((await readLimited(req, MAX_BYTES)).toString("utf8")));
    for (let i = 0; i < ids.length; i += BATCH) added += await addIds({ ctx, id, side, ids: ids.slice(i, i + BATCH) });
    return finishUpload({ ctx, id, side, added });
  }
  if (!/text\/(csv|plain)/.test(type)) {
    throw new DomainError("unsupported_media_type", "unsupported_media_type", "Upload ids as text/csv, text/plain (one per line) or application/json.");
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
      rest += value;
      const lines = rest.split(/\r?\n/);
      rest = lines.pop() ?? "";
      for (const line of lines) {
        const parsed = parseIdLine(line, ++lineNumber);
        if (parsed) batch.push(parsed);
      }
      if (batch.length >= BATCH) await flush();
    }
    if (done) break;
  }
  const last = parseIdLine(rest, ++lineNumber);
  if (last) batch.push(last);
  await flush();
  return finishUpload({ ctx, id, side, added });
}
