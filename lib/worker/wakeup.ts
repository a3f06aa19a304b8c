// Prompt wake-ups when work arrives: LISTEN/NOTIFY on PostgreSQL; on SQLite,
// a file watch on the write-ahead log, which every commit from any process touches.
import fs from "node:fs";
import type { Store } from "../db/client";
import { listen } from "../db/listen";
import { JOBS_CHANNEL } from "../db/repositories/queue";

export interface Wakeup {
  close(): Promise<void>;
}

export async function subscribeWakeups(store: Store, onWake: () => void): Promise<Wakeup> {
  if (store.provider === "postgresql") {
    // Reconnects by itself; each (re)connection wakes the loop, which then finds whatever arrived meanwhile.
    const { listener, connected } = listen(store.target.url, JOBS_CHANNEL, { onNotify: onWake, onConnected: onWake });
    await Promise.race([connected, new Promise((r) => setTimeout(r, 10_000).unref())]);
    return listener;
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
