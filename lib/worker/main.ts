// The worker process (`npm run worker`): background loops beside the web app.
// Several may run against one PostgreSQL store.
// Started on its own it uses the same defaults as `npm start` (secret, store) and waits for a current schema; it
// never migrates the store (the launcher or `npm run migrate` does), so it can restart while others are busy.
import path from "node:path";
import { fileArchive } from "../archive/files";
import { createStore } from "../db/client";
import { createContext } from "../db/context";
import { exitWithLine, startUp } from "../process/start";
import { createMailer } from "./mailer";
import { runWorker } from "./run";

const { env, target } = await startUp("worker");
// Every delivery in flight finishes with its own statement: give each one a connection.
const store = await createStore(target, {
  poolSize: Math.max(env.SIGNALBOX_DB_POOL_SIZE, env.SIGNALBOX_WORKER_CONCURRENCY + 4),
}).catch((error: unknown) => exitWithLine("worker", error));
const ctx = createContext(store, { kind: "system", label: "worker" });
const mailer = env.SIGNALBOX_SMTP_URL ? createMailer(env.SIGNALBOX_SMTP_URL, env.SIGNALBOX_SMTP_FROM) : undefined;
const worker = await runWorker(ctx, store, {
  mailer,
  paging: { pagerdutyUrl: env.SIGNALBOX_PAGERDUTY_URL, opsgenieUrl: env.SIGNALBOX_OPSGENIE_URL },
  concurrency: env.SIGNALBOX_WORKER_CONCURRENCY,
  leaseMs: env.SIGNALBOX_WORKER_LEASE_MS,
  workerId: process.env.SIGNALBOX_WORKER_ID,
  consoleUrl: env.SIGNALBOX_PUBLIC_URL ?? process.env.NEXTAUTH_URL ?? null,
  archive: env.SIGNALBOX_ARCHIVE_DIR ? fileArchive(path.resolve(env.SIGNALBOX_ARCHIVE_DIR)) : undefined,
}).catch((error: unknown) => exitWithLine("worker", error));
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`signalbox worker: ${signal}, finishing work in flight…`);
    await worker.stop();
    mailer?.close();
    await store.close();
    process.exit(0);
  });
}
// Only now: whoever reads this line may stop the worker at once, and the signal must find the handlers in place.
console.log(`signalbox worker ${worker.id} ready (${store.provider})`);
