// `npm run backup` (issue 13 item 5): a consistent online copy of the embedded store taken while records arrive;
// restored, it holds every record acknowledged before the backup began, each whole (stages and delivery job).
// On PostgreSQL it refuses in one line, pointing to the database's own tools.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { createStore, type Store } from "@/lib/db/client";
import { ingest, makeRelay, order, useGlobalStore } from "./helpers/pipeline";
import { freshStore, provider, testContext } from "./helpers/store";
import { spawnEntry, storeUrl, type WorkerProcess } from "./helpers/worker-process";

let store: Store;
let ctx: Ctx;
let dir: string;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbx-backup-"));
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const backup = (file: string): WorkerProcess =>
  spawnEntry("scripts/backup.ts", { ...process.env, DATABASE_URL: storeUrl(store) }, [file]);

describe("npm run backup", () => {
  // Each store has its own case (registered for that store only: nothing is skipped).
  if (provider === "sqlite")
    it("taken under load and restored: every record acknowledged before it began is there, whole", async () => {
      const relay = await makeRelay(ctx, "http://127.0.0.1:9", { rateLimit: { perSecond: 100_000, burst: 100_000 } });
      const acked: { id: string; at: number }[] = [];
      let stop = false;
      const lanes = Array.from({ length: 4 }, async (_, lane) => {
        for (let i = 0; !stop; i++) {
          const res = await ingest(relay.slug, order(`B-${lane}-${i}`), { key: relay.key });
          expect(res.status).toBe(202);
          acked.push({ id: res.body.id!, at: Date.now() });
        }
      });
      try {
        while (acked.length < 200) await new Promise((r) => setTimeout(r, 10));
        const file = path.join(dir, "under-load.db");
        const began = Date.now();
        const taken = backup(file);
        expect(await taken.exited, taken.output.join("")).toBe(0);
        const before = acked.filter((a) => a.at < began).map((a) => a.id);
        stop = true;
        await Promise.all(lanes);
        expect(acked.length).toBeGreaterThan(before.length); // records kept arriving while it ran
        expect(taken.output.join("")).toMatch(/signalbox backup: [\d,]+ events in .*under-load\.db/);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);

        const restored = await createStore({ provider: "sqlite", url: file });
        try {
          const events = await restored.db.event.findMany({
            where: { integrationId: relay.integrationId },
            select: { id: true, status: true, _count: { select: { stages: true } } },
          });
          const ids = new Set(events.map((e) => e.id));
          expect(before.every((id) => ids.has(id))).toBe(true);
          // A snapshot, not a torn copy: every event in it has its arrival stages and its delivery job.
          expect(events.every((e) => e._count.stages >= 1)).toBe(true);
          const jobs = await restored.db.queueJob.count({ where: { eventId: { in: [...ids].slice(0, 500) } } });
          expect(jobs).toBe(Math.min(500, ids.size));
        } finally {
          await restored.close();
        }
      } finally {
        stop = true;
        await Promise.all(lanes).catch(() => {});
      }
    }, 120_000);

  if (provider === "postgresql")
    it("on PostgreSQL: exit 1 with one line naming the database's own tools", async () => {
      const run = backup(path.join(dir, "pg.db"));
      expect(await run.exited).toBe(1);
      expect(run.stderr.join("").trim().split("\n")).toEqual([
        "signalbox backup: npm run backup copies the embedded store; back up PostgreSQL with pg_dump or pg_basebackup (docs/OPERATIONS.md, Backups)",
      ]);
    });
});
