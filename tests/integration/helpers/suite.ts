// The setup most pipeline tests share: a fresh store for the file, a worker delivering from it, and a scripted target.
import { afterAll, beforeAll } from "vitest";
import type { Ctx } from "@/lib/core/context";
import type { Store } from "@/lib/db/client";
import type { WorkerHandle } from "@/lib/worker/run";
import { startWorker, useGlobalStore } from "./pipeline";
import { startSink, type Sink } from "./sink";
import { freshStore, testContext } from "./store";

export interface PipelineSuite {
  store: Store;
  ctx: Ctx;
  sink: Sink;
  worker: WorkerHandle;
}

/** Registers this file's beforeAll / afterAll; the fields are set before its first test runs. */
export function pipelineSuite(): PipelineSuite {
  const suite = {} as PipelineSuite;
  beforeAll(async () => {
    suite.store = await freshStore();
    useGlobalStore(suite.store);
    suite.ctx = testContext(suite.store);
    suite.sink = await startSink();
    suite.worker = await startWorker(suite.ctx, suite.store);
  });
  afterAll(async () => {
    await suite.worker?.stop();
    await suite.sink?.close();
    await suite.store?.close();
  });
  return suite;
}
