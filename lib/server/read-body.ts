// Read a request body once, raw, stopping as soon as it passes the limit.
import { fromRequest } from "./inbound";

export { tooLarge } from "./inbound";

export function readLimited(req: Request, limit: number): Promise<Buffer> {
  return fromRequest(req).body(limit);
}

export function isJsonContentType(value: string | null): boolean {
  return /^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(value?.trim() ?? "");
}
