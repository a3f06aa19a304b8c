// The delivery benchmark's destination: answers 200 at once and records when
// each request arrived (and, for latency, how long after it was sent).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface BenchSink {
  url: string;
  count: number;
  first: number;
  last: number;
  latencies: number[];
  /** when each latency was taken (epoch ms), in the same order */
  latencyAt: number[];
  /** distinct records delivered (by the body's id) and how many arrived more than once */
  unique: Set<string>;
  duplicates: number;
  reset(): void;
  close(): Promise<void>;
  waitFor(n: number, timeoutMs: number): Promise<boolean>;
}

export async function startBenchSink(): Promise<BenchSink> {
  const sink = {
    count: 0,
    first: 0,
    last: 0,
    latencies: [] as number[],
    latencyAt: [] as number[],
    unique: new Set<string>(),
    duplicates: 0,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const now = performance.timeOrigin + performance.now();
      if (sink.count === 0) sink.first = now;
      sink.count++;
      sink.last = now;
      const body = JSON.parse(Buffer.concat(chunks).toString() || "{}") as { id?: unknown; sentAt?: unknown };
      if (typeof body.id === "string") {
        if (sink.unique.has(body.id)) sink.duplicates++;
        else sink.unique.add(body.id);
      }
      const sentAt = Number(req.headers["x-sent-at"] ?? body.sentAt);
      if (Number.isFinite(sentAt) && sentAt > 0) {
        sink.latencies.push(now - sentAt);
        sink.latencyAt.push(now);
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(sink, {
    url: `http://127.0.0.1:${port}`,
    reset() {
      sink.count = 0;
      sink.first = 0;
      sink.last = 0;
      sink.latencies = [];
      sink.latencyAt = [];
      sink.unique = new Set();
      sink.duplicates = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
    async waitFor(n: number, timeoutMs: number) {
      const until = Date.now() + timeoutMs;
      while (sink.count < n) {
        if (Date.now() > until) return false;
        await new Promise((r) => setTimeout(r, 20));
      }
      return true;
    },
  });
}
