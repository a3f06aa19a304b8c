// The demo's stand-in for the ERP, the marketing platform and the no-code tool:
// a local HTTP server that mostly says yes, and sometimes fails the way real
// systems do (5xx, 429 with Retry-After, timeouts, 4xx).
import http from "node:http";

export type Replay = (eventId: string) => void;

function pick(random: number): { status: number; headers?: Record<string, string>; hang?: boolean; body?: string } {
  if (random < 0.05) return { status: 503, body: '{"error":"ERP is restarting"}' };
  if (random < 0.09) return { status: 429, headers: { "retry-after": "2" }, body: '{"error":"slow down"}' };
  if (random < 0.12) return { status: 200, hang: true };
  if (random < 0.15) return { status: 422, body: '{"error":"customer account is blocked"}' };
  if (random < 0.16) return { status: 404, body: '{"error":"unknown sales channel"}' };
  return { status: 201 };
}

export function startDemoSink(port: number, onReplay: Replay): Promise<http.Server> {
  let counter = 1000;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url === "/workflow/replay") {
        const body = JSON.parse(Buffer.concat(chunks).toString() || "{}") as { eventId?: string };
        res.writeHead(202, { "content-type": "application/json" }).end('{"accepted":true}');
        if (body.eventId) setTimeout(() => onReplay(body.eventId!), 1_500);
        return;
      }
      const reply = pick(Math.random());
      if (reply.hang) return; // the delivery times out; the socket is dropped by the client
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(
        reply.body ?? JSON.stringify({ data: { id: `${req.url?.includes("orders") ? "SO" : "CT"}-${++counter}` } }),
      );
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
