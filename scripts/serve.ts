// The web process (`npm start` / `npm run demo` run it): one HTTP listener. The integrations' hot calls take the
// lean path (lib/server/lean-http.ts); every other request goes to Next's request handler (the console and the API).
import http from "node:http";
import next from "next";
import { getStore } from "../lib/db/client";
import { arrivalStats, drainArrivals } from "../lib/db/hot/group-commit";
import { startUp } from "../lib/process/start";
import { serveLean } from "../lib/server/lean-http";
import { ROOT } from "./lib/runtime";

// The same defaults as npm start, and a current schema waited for (the web process never migrates the store).
await startUp("web");
const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, dir: ROOT, port });
const handle = app.getRequestHandler();
await app.prepare();

const bench = process.env.SIGNALBOX_BENCH === "1";
const server = http.createServer((req, res) => {
  if (serveLean(req, res)) return;
  if (bench && req.url === "/api/bench/batches") {
    const s = arrivalStats();
    res.writeHead(200, { "content-type": "text/plain" }).end(`${s.batches} batches, largest ${s.largest}`);
    return;
  }
  handle(req, res).catch((error: unknown) => {
    console.error("[signalbox] request failed", error);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
// Longer than the usual load balancer idle timeout, so a pooled connection is never closed under a request.
server.keepAliveTimeout = 65_000;
server.on("error", (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === "EADDRINUSE"
      ? `signalbox: port ${port} is in use; set PORT to another one`
      : `signalbox: ${error.message}`,
  );
  process.exit(1);
});
server.listen(port, () => console.log(`signalbox web: listening on ${port}`));

// SIGTERM: stop taking connections, let requests in flight finish (their batch commits), then leave.
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(0), 10_000);
    force.unref();
    void (async () => {
      await new Promise((resolve) => server.close(resolve));
      await drainArrivals();
      await (await getStore()).close().catch(() => {});
      process.exit(0);
    })();
  });
}
