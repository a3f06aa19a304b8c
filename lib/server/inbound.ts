// What the integration-facing handlers (ingest, track) need from a request, and what they answer — served by a
// Web Request in Next's route handlers and by node:http in the lean listener (lib/server/lean-http.ts), so the
// handling itself is written once.
import type { IncomingMessage, ServerResponse } from "node:http";
import { DomainError } from "@/lib/core/errors";

export interface Inbound {
  /** The client's address (the socket's; behind Next, the first X-Forwarded-For hop), or null when unknown. */
  readonly address: string | null;
  /** A header by lower-case name, or null. */
  header(name: string): string | null;
  /** The raw body, streamed and refused with 413 as soon as it passes `limit` bytes. */
  body(limit: number): Promise<Buffer>;
}

export interface Answer {
  status: number;
  /** JSON body; null for none (204) */
  body: unknown;
  headers: Record<string, string>;
}

export const tooLarge = (limit: number) =>
  new DomainError("payload_too_large", "payload_too_large", `The body is larger than the limit of ${limit} bytes.`);

function declaredTooLarge(value: string | null | undefined, limit: number): boolean {
  const declared = Number(value ?? "NaN");
  return Number.isFinite(declared) && declared > limit;
}

export function fromRequest(req: Request): Inbound {
  return {
    address: req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || req.headers.get("x-real-ip") || null,
    header: (name) => req.headers.get(name),
    async body(limit) {
      if (declaredTooLarge(req.headers.get("content-length"), limit)) throw tooLarge(limit);
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
      return Buffer.concat(chunks, size);
    },
  };
}

export function fromIncoming(req: IncomingMessage): Inbound {
  return {
    address: req.socket.remoteAddress ?? null,
    header(name) {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
    body(limit) {
      if (declaredTooLarge(req.headers["content-length"], limit)) return Promise.reject(tooLarge(limit));
      return new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const onData = (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > limit) {
            // Stop keeping it; the answer (413) closes the connection, the rest is discarded meanwhile.
            req.off("data", onData);
            req.resume();
            reject(tooLarge(limit));
            return;
          }
          chunks.push(chunk);
        };
        req.on("data", onData);
        req.once("end", () => resolve(Buffer.concat(chunks, size)));
        req.once("error", reject);
      });
    },
  };
}

const NO_STORE = { "cache-control": "no-store" };

export function answer(body: unknown, status = 200, headers: Record<string, string> = {}): Answer {
  return { status, body: status === 204 ? null : body, headers: { ...NO_STORE, ...headers } };
}

export function toResponse(a: Answer): Response {
  return a.body === null && a.status === 204
    ? new Response(null, { status: a.status, headers: a.headers })
    : Response.json(a.body, { status: a.status, headers: a.headers });
}

export function writeAnswer(res: ServerResponse, a: Answer, close = false): void {
  const text = a.status === 204 ? "" : JSON.stringify(a.body);
  const headers: Record<string, string | number> = { ...a.headers, "content-length": Buffer.byteLength(text) };
  if (text) headers["content-type"] = "application/json";
  if (close) headers.connection = "close";
  res.writeHead(a.status, headers);
  res.end(text);
}
