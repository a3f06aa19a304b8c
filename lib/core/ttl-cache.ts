// A tiny read-through cache with a time limit, for configuration the hot paths
// read on every record (integration settings, signing secrets). Changes show
// up within `ttlMs`; concurrent misses share one load.
export interface TtlCache<T> {
  get(key: string, now: Date, load: () => Promise<T>): Promise<T>;
  clear(): void;
}

export function ttlCache<T>(ttlMs: number, maxEntries = 1_000): TtlCache<T> {
  const entries = new Map<string, { until: number; value: Promise<T> }>();
  return {
    get(key, now, load) {
      const hit = entries.get(key);
      if (hit && hit.until > now.getTime()) return hit.value;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      const value = load();
      entries.set(key, { until: now.getTime() + ttlMs, value });
      value.catch(() => entries.delete(key));
      return value;
    },
    clear: () => entries.clear(),
  };
}
