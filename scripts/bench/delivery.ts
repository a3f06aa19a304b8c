// (b) delivery: the Signalbox worker against graphile-worker 0.17.3 (unbatched and batched) and pg-boss 10.4.2, each
// delivering the same number of jobs to the same local sink with the same concurrency. Throughput is counted from the
// first delivery to the last; CPU per 1,000 jobs (worker and store) is the comparison that does not depend on what
// else the machine runs.
import type { ChildProcess } from "node:child_process";
import type { Ctx } from "../../lib/core/context";
import { ingestRecord } from "../../lib/core/ingest/ingest-record";
import type { Store } from "../../lib/db/client";
import { dbName, fmt, JOBS, rows, startWorker, WORKER_CONCURRENCY } from "./config";
import { cpuBetween, cpuSpent, sleep, startScript, stopProcess } from "./setup";
import type { BenchSink } from "./sink";

/** pg-boss polls every 0.5 s for 8 jobs (~50/s): a reference row, on fewer jobs so it ends in minutes. */
const PGBOSS_JOBS = Math.min(JOBS, 3_000);

export type DeliveryFigures = { ours: number; graphile: number; graphileBatched: number; pgboss: number };

export async function deliveryBench(options: {
  ctx: Ctx;
  store: Store;
  sink: BenchSink;
  url: string;
  env: Record<string, string>;
  integrationId: string;
  peers: boolean;
}): Promise<DeliveryFigures> {
  const { ctx, store, sink, url, env } = options;
  await store.db.$executeRawUnsafe(`DELETE FROM "QueueJob"`);
  const integration = (await ctx.repos.integrations.findById(options.integrationId))!;
  const contract = await ctx.repos.contracts.current(integration.id);
  // Seeded through the ingest core, 64 at a time (written in batches, as the web process does).
  for (let i = 0; i < JOBS; i += 64)
    await Promise.all(
      Array.from({ length: Math.min(64, JOBS - i) }, (_, k) =>
        ingestRecord(ctx, {
          integration,
          contract,
          payload: { id: `d-${i + k}`, total: i + k },
          headers: {},
          auth: "api_key",
        }),
      ),
    );

  const measure = async (label: string, jobs: number, start: () => Promise<ChildProcess> | ChildProcess) => {
    sink.reset();
    const child = await start();
    // CPU is counted from the first delivery on (start-up and module loading are not the work measured)
    while (sink.count === 0 && child.exitCode === null) await sleep(2);
    const [before, counted] = [cpuSpent(child.pid!, dbName), jobs - sink.count];
    const done = await sink.waitFor(jobs, 180_000);
    const after = cpuSpent(child.pid!, dbName);
    await stopProcess(child);
    const perSecond = done ? (jobs - 1) / ((sink.last - sink.first) / 1000) : Number.NaN;
    const cost = `CPU per 1,000 jobs: worker ${fmt((cpuBetween(before.process, after.process) * 1000) / counted)} ms, store ${fmt((cpuBetween(before.store, after.store) * 1000) / counted)} ms`;
    rows.push([
      `delivery: ${label}`,
      fmt(perSecond),
      "",
      "",
      done ? `${jobs} jobs; ${cost}` : `timed out at ${sink.count}`,
    ]);
    return perSecond;
  };
  const ours = await measure("Signalbox worker", JOBS, () => startWorker(env));
  if (!options.peers) return { ours, graphile: Number.NaN, graphileBatched: Number.NaN, pgboss: Number.NaN };

  const { makeWorkerUtils } = await import("graphile-worker");
  const graphileJobs = async (prefix: string) => {
    const utils = await makeWorkerUtils({ connectionString: url });
    await utils.migrate();
    for (let i = 0; i < JOBS; i += 500)
      await utils.addJobs(
        Array.from({ length: Math.min(500, JOBS - i) }, (_, k) => ({
          identifier: "deliver",
          payload: { id: `${prefix}-${i + k}`, total: i + k },
        })),
      );
    await utils.release();
  };
  const graphileWorker = (...mode: string[]) =>
    startScript("scripts/bench/peer-graphile.ts", [url, sink.url, String(WORKER_CONCURRENCY), ...mode], {});
  await graphileJobs("g");
  const graphile = await measure("graphile-worker 0.17.3 (unbatched)", JOBS, () => graphileWorker());
  await graphileJobs("gb");
  const graphileBatched = await measure(
    "graphile-worker 0.17.3 (batched: local queue 100, batched completion)",
    JOBS,
    () => graphileWorker("batched"),
  );

  const { default: PgBoss } = await import("pg-boss");
  const boss = new PgBoss({ connectionString: url, supervise: false, schedule: false });
  await boss.start();
  await boss.createQueue("deliver");
  for (let i = 0; i < PGBOSS_JOBS; i += 500)
    await boss.insert(
      Array.from({ length: Math.min(500, PGBOSS_JOBS - i) }, (_, k) => ({
        name: "deliver",
        data: { id: `b-${i + k}`, total: i + k },
      })),
    );
  await boss.stop({ graceful: false });
  const pgboss = await measure("pg-boss 10.4.2 (batch 8, 0.5 s poll)", PGBOSS_JOBS, () =>
    startScript("scripts/bench/peer-pgboss.ts", [url, sink.url, String(WORKER_CONCURRENCY)], {}),
  );
  return { ours, graphile, graphileBatched, pgboss };
}

export function printDeliveryRatios(f: DeliveryFigures) {
  console.log(`  delivery: Signalbox / graphile-worker unbatched = ${fmt(f.ours / f.graphile, 2)}x   (target ≥ 1.50x)`);
  console.log(
    `  delivery: Signalbox / graphile-worker batched   = ${fmt(f.ours / f.graphileBatched, 2)}x   (target ≥ 0.80x)`,
  );
  console.log(`  delivery: Signalbox / pg-boss          = ${fmt(f.ours / f.pgboss, 2)}x`);
}
