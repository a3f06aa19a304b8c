// Driving the relay pipeline in-process: ingest through the real HTTP handler,
// deliver with the real worker loop and sender, against a real store.
import { Webhook } from "standardwebhooks";
import type { Ctx } from "@/lib/core/context";
import type { EventRecord } from "@/lib/core/events/types";
import { createIntegration } from "@/lib/core/integrations/create-integration";
import type { TCreateIntegration } from "@/lib/core/integrations/schemas";
import type { Store } from "@/lib/db/client";
import { runWorker, type WorkerHandle } from "@/lib/worker/run";
import { leanPost } from "./lean";

/** Route modules use the process-wide store: point it at this test's store. */
export function useGlobalStore(store: Store) {
  (globalThis as { __signalboxStore?: Promise<Store> }).__signalboxStore = Promise.resolve(store);
}

export interface Relay {
  slug: string;
  key: string;
  ingestSecret: string;
  deliverySecret: string;
  integrationId: string;
}

let counter = 0;
export async function makeRelay(
  ctx: Ctx,
  sinkUrl: string,
  overrides: Partial<TCreateIntegration> = {},
): Promise<Relay> {
  const slug = `relay-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 6)}`;
  const created = await createIntegration({
    ctx,
    input: {
      slug,
      name: `Relay ${slug}`,
      mode: "relay",
      sourceSystem: "Shop",
      targetSystem: "ERP",
      destination: { url: `${sinkUrl}/orders`, allowPrivateNetwork: true, timeoutMs: 2_000 },
      retryPolicy: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200, multiplier: 2, maxAgeMs: 60_000 },
      contract: {
        schema: {
          type: "object",
          required: ["order"],
          properties: {
            order: {
              type: "object",
              required: ["id", "version", "total"],
              properties: {
                id: { type: "string" },
                version: { type: "integer" },
                total: { type: "number", minimum: 0 },
                note: { type: "string" },
              },
            },
          },
        },
        idempotencyKeyPaths: ["/order/id", "/order/version"],
        entityKeyPath: "/order/id",
        versionPath: "/order/version",
        mapping: [
          { from: "/order/id", to: "/externalId" },
          { from: "/order/total", to: "/amount" },
        ],
      },
      ...overrides,
    },
  });
  return {
    slug,
    key: created.ingestKey.key,
    ingestSecret: created.ingestSecret,
    deliverySecret: created.deliverySecret,
    integrationId: created.integration.id,
  };
}

/** A draft has nothing to pause: tests that pause take the integration live first (without the readiness gate). */
export async function markLive(ctx: Ctx, slug: string): Promise<void> {
  const integration = await ctx.repos.integrations.findBySlug(slug);
  if (!integration) throw new Error(`no integration ${slug}`);
  const now = ctx.now();
  await ctx.repos.integrations.update(integration.id, { lifecycle: "live", liveAt: now }, now);
}

export interface IngestOptions {
  key?: string | null;
  sign?: { secret: string; id?: string; at?: Date; tamper?: boolean };
  headers?: Record<string, string>;
  contentType?: string;
  raw?: string | Uint8Array;
}

export async function ingest(slug: string, body: unknown, options: IngestOptions = {}) {
  const raw = options.raw ?? JSON.stringify(body);
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/json",
    ...options.headers,
  };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.sign) {
    const id = options.sign.id ?? `msg_${Math.random().toString(36).slice(2)}`;
    const at = options.sign.at ?? new Date();
    headers["webhook-id"] = id;
    headers["webhook-timestamp"] = String(Math.floor(at.getTime() / 1000));
    headers["webhook-signature"] = new Webhook(options.sign.secret).sign(
      id,
      at,
      options.sign.tamper ? `${raw} ` : String(raw),
    );
  }
  // Through the lean listener, over a real socket, as `npm start` serves it.
  const res = await leanPost(`/api/ingest/${encodeURIComponent(slug)}`, { headers, body: raw });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & {
      id?: string;
      error?: { code: string; details?: { path: string; message: string }[] };
    },
  };
}

export const order = (id: string, version = 1, extra: Record<string, unknown> = {}) => ({
  order: { id, version, total: 10 * version, ...extra },
});

export async function startWorker(
  ctx: Ctx,
  store: Store,
  options: { concurrency?: number; leaseMs?: number; workerId?: string } = {},
): Promise<WorkerHandle> {
  return runWorker(ctx, store, {
    concurrency: options.concurrency ?? 8,
    leaseMs: options.leaseMs ?? 30_000,
    idleMs: 200,
    workerId: options.workerId,
    // Tests run retention passes themselves: one from the worker at the same time would race them.
    retentionEveryMs: 0,
  });
}

export async function waitForEvent(
  ctx: Ctx,
  id: string,
  until: (e: EventRecord) => boolean,
  timeoutMs = 15_000,
): Promise<EventRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const event = await ctx.repos.events.findById(id);
    if (event && until(event)) return event;
    if (Date.now() > deadline) throw new Error(`event ${id} did not reach the expected state; now ${event?.status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Poll until `check` returns something truthy. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}
