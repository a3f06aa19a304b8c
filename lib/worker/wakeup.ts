// Prompt wake-ups when work arrives: LISTEN/NOTIFY on PostgreSQL; on SQLite,
// a file watch on the write-ahead log, which every commit from any process touches.
import fs from "node:fs";
import pg from "pg";
import type { Store } from "../db/client";
import { JOBS_CHANNEL } from "../db/repositories/queue";

export interface Wakeup {
  close(): Promise<void>;
}

export async function subscribeWakeups(store: Store, onWake: () => void): Promise<Wakeup> {
  if (store.provider === "postgresql") {
    let client: pg.Client | null = null;
    let closed = false;
    const connect = async () => {
      const c = new pg.Client({ connectionString: store.target.url });
      c.on("notification", () => onWake());
      c.on("error", () => {
        if (closed) return;
        client = null;
        setTimeout(() => void connect().catch(() => {}), 1_000).unref();
      });
      await c.connect();
      await c.query(`LISTEN ${JOBS_CHANNEL}`);
      client = c;
      onWake();
    };
    await connect();
    return {
      async close() {
        closed = true;
        await client?.end().catch(() => {});
      },
    };
  }
  const wal = `${store.target.url}-wal`;
  if (!fs.existsSync(wal)) fs.closeSync(fs.openSync(wal, "a"));
  let pending = false;
  const watcher = fs.watch(wal, { persistent: false }, () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      onWake();
    });
  });
  return {
    async close() {
      watcher.close();
    },
  };
}
