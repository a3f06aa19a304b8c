// What every ingest reads — the integration behind a slug with its contract, an API key by its hash, the ingest
// secrets — cached per process, so the hot path does not pay a query for configuration that changes a few times a day.
//
// Freshness: every write through the integration, contract, key and secret repositories bumps a generation counter
// (on globalThis, so the lean path and Next's route modules in one process share it) once it has committed, and on
// PostgreSQL tells the other processes (NOTIFY sbx_config; each listens). An entry also expires after `TTL_MS`, a
// bound for anything that changed the store behind Signalbox's back.
import { listen } from "./listen";

export const CONFIG_CHANNEL = "sbx_config";
const TTL_MS = 5_000;
const MAX_ENTRIES = 2_000;

const shared = globalThis as unknown as { __sbxConfigGeneration?: { value: number } };
const generation = (shared.__sbxConfigGeneration ??= { value: 0 });

/** Forget every cached entry in this process. */
export function configChanged(): void {
  generation.value++;
}

export class ConfigCache<T> {
  private entries = new Map<string, { generation: number; expires: number; value: Promise<T> }>();

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation.value && hit.expires > now) return hit.value;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const at = generation.value;
    const value = load();
    this.entries.set(key, { generation: at, expires: now + TTL_MS, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}

/** Listen for other processes' configuration changes (PostgreSQL); reconnects, and forgets everything after a gap. */
export function listenForConfigChanges(connectionString: string): { close(): Promise<void> } {
  return listen(connectionString, CONFIG_CHANNEL, {
    onNotify: configChanged,
    onConnected: configChanged,
    onLost: configChanged,
  }).listener;
}

/**
 * The repository with `configChanged` called after every method not named in `reads` resolves (a write).
 * `afterWrite` decides when the change counts: at once (autocommit) or when the surrounding transaction commits.
 */
export function notifyingWrites<R extends object>(repo: R, reads: readonly (keyof R)[], afterWrite: () => void): R {
  const out = { ...repo };
  for (const name of Object.keys(repo) as (keyof R)[]) {
    const fn = repo[name];
    if (typeof fn !== "function" || reads.includes(name)) continue;
    out[name] = (async (...args: unknown[]) => {
      const result = await (fn as (...a: unknown[]) => Promise<unknown>).apply(repo, args);
      afterWrite();
      return result;
    }) as R[keyof R];
  }
  return out;
}
