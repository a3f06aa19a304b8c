// graphile-worker 0.17.3 delivering each job by HTTP POST to the bench sink: unbatched (its defaults: no local
// queue, no batched completion) or, with "batched", a local queue of 100 and batched completion.
import { run } from "graphile-worker";
import { post } from "./load";

const [connectionString, sinkUrl, concurrency, mode] = process.argv.slice(2);
const runner = await run({
  connectionString,
  ...(mode === "batched"
    ? { preset: { worker: { localQueue: { size: 100 }, completeJobBatchDelay: 1, failJobBatchDelay: 1 } } }
    : {}),
  concurrency: Number(concurrency),
  noHandleSignals: true,
  pollInterval: 2_000,
  logger: undefined,
  taskList: {
    deliver: async (payload) => {
      const status = await post(`${sinkUrl}/graphile`, JSON.stringify(payload), {});
      if (status !== 200) throw new Error(`sink answered ${status}`);
    },
  },
});
process.send?.("ready");
// The signal reaches both tsx and this process (one process group): stop once.
let stopping = false;
process.on("SIGTERM", () => {
  if (stopping) return;
  stopping = true;
  void runner.stop().finally(() => process.exit(0));
});
