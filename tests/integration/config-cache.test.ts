// The ingest path caches each integration's configuration (issue 12); a change made through Signalbox must count
// at once in this process and, on PostgreSQL, within moments in every other process.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { createKey, revokeKey } from "@/lib/core/integrations/credentials";
import { setArchived } from "@/lib/core/integrations/manage";
import type { Store } from "@/lib/db/client";
import { ingest, makeRelay, order, useGlobalStore } from "./helpers/pipeline";
import { freshStore, provider, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
});
afterAll(() => store.close());

describe("ingest configuration cache", () => {
  it("a revoked key, an archived integration and a new key count for the very next record", async () => {
    const relay = await makeRelay(ctx, "http://127.0.0.1:9");
    expect((await ingest(relay.slug, order("CC-1"), { key: relay.key })).status).toBe(202); // cache warm
    const extra = await createKey({ ctx, slug: relay.slug, input: { name: "second" } });
    expect((await ingest(relay.slug, order("CC-2"), { key: extra.key })).status).toBe(202);
    await revokeKey({ ctx, slug: relay.slug, keyId: extra.id });
    expect((await ingest(relay.slug, order("CC-3"), { key: extra.key })).status).toBe(401);
    await setArchived({ ctx, slug: relay.slug, archived: true });
    const archived = await ingest(relay.slug, order("CC-4"), { key: relay.key });
    expect([archived.status, archived.body.error?.code]).toEqual([410, "integration_archived"]);
    await setArchived({ ctx, slug: relay.slug, archived: false });
    expect((await ingest(relay.slug, order("CC-5"), { key: relay.key })).status).toBe(202);
  });

  it("another web process learns of a revoked key (PostgreSQL: within a second by NOTIFY; SQLite: within the 5 s bound)", async () => {
    const relay = await makeRelay(ctx, "http://127.0.0.1:9");
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const url = store.provider === "sqlite" ? `file:${store.target.url}` : store.target.url;
    const root = path.resolve(import.meta.dirname, "../..");
    const child = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      [path.join(import.meta.dirname, "helpers/lean-process.ts")],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url, PORT: String(port) },
        stdio: ["ignore", "pipe", "inherit"],
        detached: true,
      },
    );
    try {
      await new Promise<void>((resolve) =>
        child.stdout!.on("data", (d: Buffer) => d.toString().includes("lean ready") && resolve()),
      );
      const send = (i: number) =>
        fetch(`http://127.0.0.1:${port}/api/ingest/${relay.slug}`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${relay.key}` },
          body: JSON.stringify(order(`XP-${i}`)),
        }).then((r) => r.status);
      expect(await send(0)).toBe(202); // the other process has it cached now
      const key = (await store.db.integrationKey.findFirstOrThrow({ where: { integrationId: relay.integrationId } }))
        .id;
      await revokeKey({ ctx, slug: relay.slug, keyId: key });
      const revokedAt = Date.now();
      let i = 1;
      while ((await send(i++)) === 202) {
        expect(Date.now() - revokedAt).toBeLessThan(provider === "postgresql" ? 1_000 : 6_000);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await send(i)).toBe(401);
    } finally {
      process.kill(-child.pid!, "SIGKILL");
    }
  });
});
