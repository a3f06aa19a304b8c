// Transactions that read before they write, while another connection keeps
// writing (the hot path's own connection, as ingest and delivery do): none may
// fail. On SQLite a deferred transaction that read first could not wait for the
// write lock and failed at once with SQLITE_BUSY; it now takes the lock first.
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import type { Store } from "@/lib/db/client";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
beforeAll(async () => {
  store = await freshStore();
  ctx = testContext(store);
});
afterAll(() => store.close());

/** Another connection, on its own thread, writing in autocommit until told to stop. */
function otherWriter(): { started: Promise<void>; stop: () => Promise<number> } {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    let stop = false, n = 0;
    parentPort.on("message", () => (stop = true));
    const sql = 'INSERT INTO "KpiState" ("id", "watermark") VALUES ($1, $2) ON CONFLICT ("id") DO UPDATE SET "watermark" = excluded."watermark"';
    (async () => {
      if (workerData.kind === "sqlite") {
        const db = new (require("better-sqlite3"))(workerData.url, { timeout: 10000 });
        const put = db.prepare(sql.replace(/\\$\\d/g, "?"));
        while (!stop) { put.run("other-" + (n++ % 20), new Date().toISOString()); if (n === 20) parentPort.postMessage("started"); await new Promise((r) => setImmediate(r)); }
        db.close();
      } else {
        const client = new (require("pg").Client)({ connectionString: workerData.url });
        await client.connect();
        while (!stop) { await client.query(sql, ["other-" + (n++ % 20), new Date()]); if (n === 20) parentPort.postMessage("started"); }
        await client.end();
      }
      parentPort.postMessage(n);
    })();`;
  const worker = new Worker(code, { eval: true, workerData: { kind: store.provider, url: store.target.url } });
  // Wait until it is really writing (a busy machine may start the thread late).
  const started = new Promise<void>((resolve) => worker.once("message", () => resolve()));
  return {
    started,
    stop: () =>
      new Promise<number>((resolve, reject) => {
        worker.once("message", (n: number) => void worker.terminate().then(() => resolve(n)));
        worker.once("error", reject);
        worker.postMessage("stop");
      }),
  };
}

it("read-then-write transactions all commit while another connection writes", async () => {
  let committed = 0;
  const failures: string[] = [];
  const writer = otherWriter();
  await writer.started;
  await Promise.all(
    Array.from({ length: 4 }, async (_, w) => {
      for (let n = 0; n < 60; n++) {
        try {
          await ctx.transaction(async (tx) => {
            const seen = await tx.repos.kpis.watermark();
            await tx.repos.kpis.setWatermark(new Date((seen?.getTime() ?? 0) + 1));
          });
          committed++;
        } catch (error) {
          failures.push(
            `${w}/${n}: ${String((error as Error).message)
              .split("\n")
              .pop()}`,
          );
        }
      }
    }),
  );
  const otherWrites = await writer.stop();
  expect(otherWrites).toBeGreaterThan(20);
  expect(failures).toEqual([]);
  expect(committed).toBe(240);
});
