// (e) and (f): the whole relay under a steady load on this machine — load generator, web, worker and store together.
// A fixed rate for a while: ingest answers, received → delivered latency, the backlog over time, resident memory
// of the web and worker processes, and every record delivered exactly once.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import type pg from "pg";
import { openLoop, percentile } from "./load";
import type { BenchSink } from "./sink";

/** Resident memory (MiB) of a process group's largest member (tsx runs node as its child). */
function rssOf(child: ChildProcess): number {
  let best = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      if (Number(stat[2]) !== child.pid) continue; // field 5: process group
      const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) best = Math.max(best, Number(rss[1]) / 1024);
    } catch {
      /* gone */
    }
  }
  return best;
}

export interface SteadyResult {
  lines: string[];
  p95: number;
  backlogGrew: boolean;
  lost: number;
  duplicates: number;
  memoryDrift: { web: number; worker: number } | null;
}

export async function steadyLoad(args: {
  label: string;
  rate: number;
  seconds: number;
  sink: BenchSink;
  pool: pg.Pool;
  web: ChildProcess;
  worker: ChildProcess;
  request: (i: number) => { url: string; body: string; headers: Record<string, string> };
}): Promise<SteadyResult> {
  const { sink, pool } = args;
  sink.reset();
  const backlog: number[] = [];
  const memory: { web: number; worker: number }[] = [];
  const sampler = setInterval(() => {
    void pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "QueueJob"`).then(
      (r) => backlog.push(r.rows[0]!.n),
      () => {},
    );
    memory.push({ web: rssOf(args.web), worker: rssOf(args.worker) });
  }, 5_000);
  const answers = await openLoop(args.request, args.rate, args.seconds);
  clearInterval(sampler);
  await sink.waitFor(args.rate * args.seconds, 60_000);
  const lat = [...sink.latencies].sort((a, b) => a - b);
  // The tail over time: p95 per 5 s window (a steady tail is saturation; spikes are pauses — GC, periodic passes).
  const windows = new Map<number, number[]>();
  sink.latencyAt.forEach((at, i) => {
    const w = Math.floor((at - sink.first) / 5_000);
    windows.set(w, [...(windows.get(w) ?? []), sink.latencies[i]!]);
  });
  const tail = [...windows.keys()]
    .sort((a, b) => a - b)
    .map((w) =>
      percentile(
        [...windows.get(w)!].sort((a, b) => a - b),
        95,
      ).toFixed(0),
    );
  const p95 = percentile(lat, 95);
  // Not growing: the second half's median backlog is no higher than the first half's (give or take 0.1 s of traffic);
  // medians, so the short spikes of the worker's periodic passes do not decide it.
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const mid = Math.floor(backlog.length / 2);
  const backlogGrew = backlog.length > 3 && median(backlog.slice(mid)) > median(backlog.slice(0, mid)) + args.rate / 10;
  const sent = args.rate * args.seconds;
  const lost = Math.max(0, sent - sink.unique.size);
  const warm = memory.slice(Math.floor(memory.length / 4)); // after warm-up
  // Flat: the mean of the last third of the samples after warm-up within 10 % of the first third's (a trend, not
  // the garbage collector's saw-tooth, which the spread shows).
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const drift = (pick: (m: { web: number; worker: number }) => number) => {
    const values = warm.map(pick).filter((v) => v > 0);
    const third = Math.max(1, Math.floor(values.length / 3));
    return values.length > 2
      ? Math.abs(mean(values.slice(-third)) - mean(values.slice(0, third))) / mean(values.slice(0, third))
      : Number.NaN;
  };
  const spread = (pick: (m: { web: number; worker: number }) => number) => {
    const values = warm.map(pick).filter((v) => v > 0);
    return `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} MiB`;
  };
  const memoryDrift = warm.length > 1 ? { web: drift((m) => m.web), worker: drift((m) => m.worker) } : null;
  const lines = [
    `${args.label}: ${sent} records at ${args.rate}/s for ${args.seconds}s — received → delivered p50 ${percentile(lat, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${percentile(lat, 99).toFixed(1)} ms; ingest answer p95 ${percentile(answers, 95).toFixed(1)} ms`,
    `${args.label}: received → delivered p95 per 5 s window (ms): ${tail.join(" ")}`,
    `${args.label}: backlog every 5 s: median ${median(backlog.slice(0, mid))} then ${median(backlog.slice(mid))}, highest ${Math.max(0, ...backlog)} → ${backlogGrew ? "GROWING" : "not growing"}; lost ${lost}, duplicate deliveries ${sink.duplicates}`,
    ...(memoryDrift
      ? [
          `${args.label}: resident memory after warm-up — web ${spread((m) => m.web)}, trend ${(memoryDrift.web * 100).toFixed(1)} %; worker ${spread((m) => m.worker)}, trend ${(memoryDrift.worker * 100).toFixed(1)} % (last third vs first third)`,
        ]
      : []),
  ];
  return { lines, p95, backlogGrew, lost, duplicates: sink.duplicates, memoryDrift };
}
