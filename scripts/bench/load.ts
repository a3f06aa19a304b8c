// A small HTTP load generator: closed loop (N requests in flight) or open loop
// (a fixed rate). Keep-alive connections; latency per request in ms.
import http from "node:http";

export interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<number, number>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

type MakeRequest = (i: number) => { url: string; body: string; headers: Record<string, string> };

function summarise(latencies: number[], statuses: Record<number, number>, errors: number, seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statuses,
  };
}

export async function closedLoop(
  make: MakeRequest,
  concurrency: number,
  seconds: number,
  ok: (status: number) => boolean,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let i = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const r = make(i++);
        const t0 = performance.now();
        const status = await post(r.url, r.body, r.headers);
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (!ok(status)) errors++;
      }
    }),
  );
  return summarise(latencies, statuses, errors, (performance.now() - started) / 1000);
}

/** Send at a fixed rate whatever the answers take; returns the answer times (ms), sorted. */
export async function openLoop(make: MakeRequest, perSecond: number, seconds: number): Promise<number[]> {
  const total = perSecond * seconds;
  const started = performance.now();
  const pending: Promise<number>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const r = make(i);
    const t0 = performance.now();
    pending.push(post(r.url, r.body, r.headers).then(() => performance.now() - t0));
  }
  return (await Promise.all(pending)).sort((a, b) => a - b);
}
