// Read a request body once, raw, stopping as soon as it passes the limit.
import { DomainError } from "@/lib/core/errors";

export const tooLarge = (limit: number) =>
  new DomainError("payload_too_large", "payload_too_large", `The body is larger than the limit of ${limit} bytes.`);

export async function readLimited(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function isJsonContentType(value: string | null): boolean {
  return /^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(value?.trim() ?? "");
}
