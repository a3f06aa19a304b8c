// (c) received → delivered at a fixed rate (an open loop: requests go out on schedule whatever the answers), with the
// web process and the worker as `npm start` and `npm run worker` run them. The sink reads each record's send time.
import { base, bodyFor, fmt, rows, SECONDS, startWeb, startWorker } from "./config";
import { openLoop, percentile } from "./load";
import { sleep, stopProcess, waitForHttp } from "./setup";
import type { BenchSink } from "./sink";

/** p95 at 50/s and at 200/s (ms), after a warm-up at 20/s that is not reported. */
export async function latencyBench(
  sink: BenchSink,
  env: Record<string, string>,
  headers: Record<string, string>,
): Promise<{ p95at50: number; p95at200: number }> {
  const web = startWeb(env);
  const worker = startWorker(env);
  await waitForHttp(`${base}/api/health`);
  await sleep(2_000);
  const latencyAt = async (rate: number) => {
    sink.reset();
    const answers = await openLoop(
      (i) => ({
        url: `${base}/api/ingest/bench-orders`,
        body: bodyFor(i, { sentAt: performance.timeOrigin + performance.now() }),
        headers,
      }),
      rate,
      SECONDS,
    );
    await sink.waitFor(rate * SECONDS, 30_000);
    const lat = [...sink.latencies].sort((a, b) => a - b);
    rows.push([
      `latency: received → delivered at ${rate}/s`,
      "",
      fmt(percentile(lat, 50), 1),
      "",
      `p95 ${fmt(percentile(lat, 95), 1)} ms over ${lat.length}; ingest answer p50/p95 ${fmt(percentile(answers, 50), 1)}/${fmt(percentile(answers, 95), 1)} ms`,
    ]);
    return percentile(lat, 95);
  };
  try {
    await latencyAt(20); // warm-up: Next.js loads the route, connections open
    rows.pop();
    return { p95at50: await latencyAt(50), p95at200: await latencyAt(200) };
  } finally {
    await stopProcess(worker);
    await stopProcess(web);
  }
}
