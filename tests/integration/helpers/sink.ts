// A local HTTP destination for tests: records every request and answers with
// whatever the test scripts (status, headers, delay, body).
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface SinkRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface SinkReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
  /** never answer (the client times out) */
  hang?: boolean;
}

export interface Sink {
  url: string;
  port: number;
  requests: SinkRequest[];
  /** Answers for the next requests in order; afterwards `fallback`. */
  script(...replies: SinkReply[]): void;
  fallback: SinkReply;
  close(): Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const queue: SinkReply[] = [];
  const requests: SinkRequest[] = [];
  const sockets = new Set<Socket>();
  const sink: Partial<Sink> = { requests, fallback: { status: 200, body: "{}" } };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      });
      const reply = queue.shift() ?? sink.fallback!;
      if (reply.hang) return;
      setTimeout(() => {
        res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
        res.end(reply.body ?? "{}");
      }, reply.delayMs ?? 0);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(sink, {
    url: `http://127.0.0.1:${port}`,
    port,
    script: (...replies: SinkReply[]) => queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
    async waitFor(count: number, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > until) throw new Error(`sink got ${requests.length} requests, expected ${count}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  }) as Sink;
}
