// Builds the domain context over a store: repositories bound to the client or
// to an interactive transaction, and a transaction runner that retries only
// when the database says "try again" (SQLite busy, PostgreSQL serialization).
import type { Actor, Ctx } from "@/lib/core/context";
import type { HotPaths, Repos } from "@/lib/core/ports";
import { createSecretBox, type SecretBox } from "@/lib/core/security/secret-box";
import { getEnv } from "@/lib/env";
import type { DbTx, Store } from "./client";
import type { Provider } from "./database-url";
import { CONFIG_CHANNEL, ConfigCache, configChanged, notifyingWrites } from "./config-cache";
import { isBusy, isRetryableConflict } from "./errors";
import { pgHotPaths, pgReader } from "./hot/pg";
import { sqliteHotPaths } from "./hot/sqlite";
import { auditRepo } from "./repositories/audit";
import { bulkRepo } from "./repositories/bulk";
import { confirmationsRepo } from "./repositories/confirmations";
import { alertsRepo } from "./repositories/alerts";
import { kpisRepo, type Reader } from "./repositories/kpis";
import { metricsRepo } from "./repositories/metrics";
import { reconciliationsRepo } from "./repositories/reconciliations";
import { driftRepo } from "./repositories/drift";
import { eventsRepo } from "./repositories/events";
import { exceptionsRepo } from "./repositories/exceptions";
import { queueRepo } from "./repositories/queue";
import { contractsRepo } from "./repositories/contracts";
import { keysRepo, secretsRepo } from "./repositories/credentials";
import { integrationsRepo } from "./repositories/integrations";
import { sessionsRepo } from "./repositories/sessions";
import { erasureRepo } from "./repositories/erasure";
import { retentionRepo } from "./repositories/retention";
import { settingsRepo } from "./repositories/settings";
import { tokensRepo } from "./repositories/tokens";
import { usersRepo } from "./repositories/users";

export interface ContextOptions {
  now?: () => Date;
  secretBox?: SecretBox;
  /** DNS for the save-time check of target URLs (Ctx.resolveHost) */
  resolveHost?: (host: string) => Promise<string[]>;
}

/**
 * `reader`: plain reads on the driver, only for repositories outside a transaction.
 * `configWritten`: called after a write to what ingest caches (integrations, contracts, keys, secrets) or to settings.
 * `settingsCache`: the store's cache of whether an audit webhook is set.
 */
export function makeRepos(
  db: DbTx,
  box: SecretBox,
  provider: Provider,
  hot: HotPaths | "refused",
  reader?: Reader,
  configWritten: () => void = configChanged,
  settingsCache: ConfigCache<boolean> = new ConfigCache(),
): Repos {
  return {
    ingest: hot === "refused" ? refused("ingest") : hot,
    dispatch: hot === "refused" ? refused("dispatch") : hot,
    attempts: hot === "refused" ? refused("attempts") : hot,
    bulk: bulkRepo(db),
    confirmations: confirmationsRepo(db),
    reconciliations: reconciliationsRepo(db, provider),
    kpis: kpisRepo(db, provider, reader),
    metrics: metricsRepo(db, provider),
    alerts: alertsRepo(db, provider),
    users: usersRepo(db),
    sessions: sessionsRepo(db),
    tokens: tokensRepo(db),
    audit: auditRepo(db),
    settings: notifyingWrites(
      settingsRepo(db, box, settingsCache),
      ["auditWebhook", "auditWebhookConfigured"],
      configWritten,
    ),
    retention: retentionRepo(db, provider),
    erasure: erasureRepo(db, provider, box),
    integrations: notifyingWrites(
      integrationsRepo(db, box),
      ["activity", "findBySlug", "findById", "list"],
      configWritten,
    ),
    contracts: notifyingWrites(
      contractsRepo(db),
      ["listForIntegration", "current", "active", "findByVersion", "drift", "findById"],
      configWritten,
    ),
    keys: notifyingWrites(keysRepo(db), ["listForIntegration", "findById"], configWritten),
    secrets: notifyingWrites(secretsRepo(db, box), ["valid", "unexpired"], configWritten),
    events: eventsRepo(db, provider),
    exceptions: exceptionsRepo(db),
    queue: queueRepo(db, provider),
    drift: driftRepo(db, provider),
  };
}

let defaultBox: SecretBox | undefined;
const hotPaths = new WeakMap<Store, HotPaths>();
const settingsCaches = new WeakMap<Store, ConfigCache<boolean>>();
/** The repositories outside a transaction, per store and secret box: stateless, so built once, not per request. */
const outerRepos = new WeakMap<Store, Map<SecretBox, Repos>>();

/** The hot paths write on their own connection: inside a transaction they would escape it, so they refuse. */
function refused<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, method) => () => {
      throw new Error(
        `repos.${name}.${String(method)} writes on its own connection and cannot run inside a transaction; call it on the outer context`,
      );
    },
  });
}

/** One hot-path repository per store (its prepared statements are made once). */
function hotPathsFor(store: Store): HotPaths {
  let hot = hotPaths.get(store);
  if (!hot) {
    const env = getEnv();
    const batching = { maxBatch: env.SIGNALBOX_INGEST_BATCH_MAX, maxWaitMs: env.SIGNALBOX_INGEST_BATCH_WAIT_MS };
    // PostgreSQL takes a second batch while one commits; SQLite has one writer anyway.
    hot =
      store.driver.kind === "postgresql"
        ? pgHotPaths(
            store.driver.pool,
            { ...batching, writers: env.SIGNALBOX_INGEST_WRITERS },
            store.target.url,
            store.onClose,
          )
        : sqliteHotPaths(store.driver.db, batching);
    hotPaths.set(store, hot);
  }
  return hot;
}

export function createContext(store: Store, actor: Actor, options: ContextOptions = {}): Ctx {
  const now = options.now ?? (() => new Date());
  const box = options.secretBox ?? (defaultBox ??= createSecretBox(getEnv().SIGNALBOX_SECRET));
  const hot = hotPathsFor(store);
  let settingsCache = settingsCaches.get(store);
  if (!settingsCache) settingsCaches.set(store, (settingsCache = new ConfigCache<boolean>()));

  // A configuration change counts once committed: in this process at once, in the others through NOTIFY.
  const committedConfigChange = () => {
    configChanged();
    if (store.driver.kind === "postgresql")
      store.driver.pool.query(`SELECT pg_notify('${CONFIG_CHANNEL}', '')`).catch(() => {});
  };
  const inside = (tx: DbTx, who: Actor, touched: { config: boolean }): Ctx => {
    const written = () => {
      touched.config = true;
      configChanged();
    };
    const ctx: Ctx = {
      actor: who,
      now,
      repos: makeRepos(tx, box, store.provider, "refused", undefined, written, settingsCache),
      transaction: (fn) => fn(ctx),
      resolveHost: options.resolveHost,
    };
    return ctx;
  };

  let byBox = outerRepos.get(store);
  if (!byBox) outerRepos.set(store, (byBox = new Map()));
  let repos = byBox.get(box);
  if (!repos) {
    repos = makeRepos(
      store.db,
      box,
      store.provider,
      hot,
      store.driver.kind === "postgresql" ? pgReader(store.driver.pool) : undefined,
      committedConfigChange,
      settingsCache,
    );
    byBox.set(box, repos);
  }

  return {
    actor,
    now,
    resolveHost: options.resolveHost,
    repos,
    async transaction(fn) {
      for (let attempt = 1; ; attempt++) {
        const touched = { config: false };
        try {
          const result = await store.db.$transaction(
            async (tx) => {
              // SQLite: take the write lock before the first read. Prisma's BEGIN is deferred, and a transaction that
              // read first cannot wait for the lock (SQLITE_BUSY at once when another connection wrote meanwhile).
              if (store.provider === "sqlite") await tx.$executeRawUnsafe(`DELETE FROM "KpiState" WHERE "id" = ''`);
              return fn(inside(tx, actor, touched));
            },
            { maxWait: 10_000, timeout: 20_000 },
          );
          if (touched.config) committedConfigChange();
          return result;
        } catch (error) {
          if (attempt >= 6 || !(isBusy(error) || isRetryableConflict(error))) throw error;
          await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
        }
      }
    },
  };
}
