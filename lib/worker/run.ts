// The worker's loops. The delivery loop arrives with the relay pipeline; until
// then the worker keeps a heartbeat so the launcher can supervise it.
import { randomUUID } from "node:crypto";
import type { Ctx } from "../core/context";
import type { Store } from "../db/client";
import { pingStore } from "../db/health";

export interface WorkerHandle {
  id: string;
  stop(): Promise<void>;
}

export function runWorker(_ctx: Ctx, store: Store, _options: { concurrency: number }): WorkerHandle {
  const id = `worker-${randomUUID().slice(0, 8)}`;
  const heartbeat = setInterval(() => {
    pingStore(store).catch((error: Error) => console.error(`signalbox worker: store unreachable: ${error.message}`));
  }, 30_000);
  return {
    id,
    async stop() {
      clearInterval(heartbeat);
    },
  };
}
