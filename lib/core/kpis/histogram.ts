// Durations kept as sparse log-bucket histograms so hours can be merged into
// days and ranges. Bucket i holds (2^((i-1)/16), 2^(i/16)] ms — 16 buckets per
// doubling, so a percentile is reported within 4.4 % of the true value (and
// exactly for powers of two). Pure.
export type Histogram = Record<string, number>;

const PER_DOUBLING = 16;

export function bucketOf(ms: number): number {
  if (!(ms > 1)) return 0;
  return Math.ceil(PER_DOUBLING * Math.log2(ms) - 1e-9);
}

export function upperBound(bucket: number): number {
  return 2 ** (bucket / PER_DOUBLING);
}

export function histogramOf(values: number[]): Histogram {
  const h: Histogram = {};
  for (const v of values) {
    const b = String(bucketOf(v));
    h[b] = (h[b] ?? 0) + 1;
  }
  return h;
}

export function merge(into: Histogram, add: Histogram | null | undefined): Histogram {
  // for…in, not Object.entries: the dashboard merges hundreds of thousands of buckets per answer.
  for (const b in add) into[b] = (into[b] ?? 0) + add[b]!;
  return into;
}

export function countOf(h: Histogram): number {
  return Object.values(h).reduce((a, b) => a + b, 0);
}

/** Nearest-rank percentile (p in 0..100), as the upper bound of its bucket, in ms; null when empty. */
export function percentile(h: Histogram, p: number): number | null {
  return percentiles(h, [p])[0]!;
}

/** Several percentiles in one pass over the sorted buckets. */
export function percentiles(h: Histogram, ps: number[]): (number | null)[] {
  const n = countOf(h);
  if (n === 0) return ps.map(() => null);
  const buckets = Object.keys(h)
    .map(Number)
    .sort((a, c) => a - c);
  return ps.map((p) => {
    const rank = Math.max(1, Math.ceil((p / 100) * n));
    let seen = 0;
    for (const b of buckets) {
      seen += h[String(b)]!;
      if (seen >= rank) return Math.round(upperBound(b) * 1000) / 1000;
    }
    return null;
  });
}

/** Prometheus-style cumulative buckets (le, in seconds) for attempt durations. */
export const ATTEMPT_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function attemptBucketsOf(durationsMs: number[]): number[] {
  const counts = ATTEMPT_BUCKETS_S.map(() => 0);
  for (const ms of durationsMs) {
    const i = ATTEMPT_BUCKETS_S.findIndex((le) => ms / 1000 <= le);
    if (i >= 0) counts[i]! += 1;
  }
  return counts;
}
