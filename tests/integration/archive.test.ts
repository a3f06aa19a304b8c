// Archive before expiry (issue 13 item 4), on both stores: with an archive directory, the records a retention pass is
// about to change are first written as gzipped NDJSON, one file per integration and day, listed in a manifest with a
// checksum per part; a failed write expires nothing; a second worker holding the archive keeps this one from
// expiring; `npm run archive:restore FILE` brings the events back, whole and under legal hold, and refuses a file that
// does not match its checksums.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileArchive, readManifest, verifyArchiveFile } from "@/lib/archive/files";
import type { Ctx } from "@/lib/core/context";
import { expireRetention } from "@/lib/core/retention/retention";
import type { Store } from "@/lib/db/client";
import { ingest, makeRelay, order, waitForEvent, type Relay } from "./helpers/pipeline";
import type { Sink } from "./helpers/sink";
import { pipelineSuite } from "./helpers/suite";
import { spawnEntry, storeUrl } from "./helpers/worker-process";

let store: Store;
let ctx: Ctx;
let sink: Sink;
let dir: string;
const DAY = 86_400_000;

const suite = pipelineSuite();
beforeAll(async () => {
  ({ store, ctx, sink } = suite);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbx-archive-"));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One delivered order carrying `marker`, moved `daysAgo` into the past. */
async function aged(relay: Relay, id: string, marker: string, daysAgo: number) {
  const res = await ingest(relay.slug, order(id, 1, { note: marker }), { key: relay.key });
  expect(res.status).toBe(202);
  await waitForEvent(ctx, res.body.id!, (e) => e.status === "succeeded");
  const receivedAt = new Date(Date.now() - daysAgo * DAY);
  await store.db.event.update({ where: { id: res.body.id! }, data: { receivedAt } });
  return { id: res.body.id!, day: receivedAt.toISOString().slice(0, 10) };
}

const linesOf = (file: string) =>
  gunzipSync(fs.readFileSync(file))
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { event: { id: string; payload: unknown }; stages: unknown[] });

const payloadOf = async (id: string) => (await store.db.event.findUniqueOrThrow({ where: { id } })).payload;

describe("archive before expiry", () => {
  it("writes each expiring record whole, once, to its integration's file for its day, with a manifest and checksums; restores it under legal hold", async () => {
    const relay = await makeRelay(ctx, sink.url);
    const a = await aged(relay, "AR-1", "marker-ar-1", 100);
    const b = await aged(relay, "AR-2", "marker-ar-2", 102);
    const recent = await aged(relay, "AR-3", "marker-ar-3", 5);
    const archive = fileArchive(dir);

    const pass = await expireRetention(ctx, { archive });
    expect(pass).toMatchObject({ archived: 2, payloads: 2 });
    const fileA = path.join(dir, relay.slug, `${a.day}.ndjson.gz`);
    const fileB = path.join(dir, relay.slug, `${b.day}.ndjson.gz`);
    const [lineA] = linesOf(fileA);
    expect(lineA!.event).toMatchObject({ id: a.id, payload: { order: { id: "AR-1", note: "marker-ar-1" } } });
    expect(lineA!.stages).toHaveLength(2); // the ingest steps folded in one row, and the delivery
    expect(linesOf(fileB).map((l) => l.event.id)).toEqual([b.id]);
    expect(await payloadOf(a.id)).toEqual({ expired: true });
    expect(await payloadOf(recent.id)).toMatchObject({ order: { note: "marker-ar-3" } });
    const manifest = readManifest(dir);
    expect(manifest.files[`${relay.slug}/${a.day}.ndjson.gz`]).toMatchObject({
      events: 1,
      bytes: fs.statSync(fileA).size,
      members: [{ offset: 0, events: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
    });
    expect(await verifyArchiveFile(dir, `${relay.slug}/${a.day}.ndjson.gz`)).toEqual([]);
    expect(fs.existsSync(path.join(dir, ".lock"))).toBe(false);

    // Once: the record purge later does not write it again (its payload was archived at expiry).
    await store.db.event.update({ where: { id: a.id }, data: { receivedAt: new Date(Date.now() - 400 * DAY) } });
    expect(await expireRetention(ctx, { archive })).toMatchObject({ archived: 0, records: 1 });
    expect(await store.db.event.count({ where: { id: a.id } })).toBe(0);
    expect(linesOf(fileA)).toHaveLength(1);

    // Restored from its file: whole, under legal hold, and left alone by the next pass.
    const restore = spawnEntry("scripts/archive-restore.ts", { ...process.env, DATABASE_URL: storeUrl(store) }, [
      fileA,
    ]);
    expect(await restore.exited, restore.output.join("")).toBe(0);
    expect(restore.output.join("")).toMatch(/1 events restored under legal hold/);
    const back = await store.db.event.findUniqueOrThrow({ where: { id: a.id }, include: { stages: true } });
    expect(back).toMatchObject({ legalHold: true, status: "succeeded", payload: { order: { note: "marker-ar-1" } } });
    expect(back.stages).toHaveLength(lineA!.stages.length);
    await expireRetention(ctx, { archive });
    expect(await store.db.event.count({ where: { id: a.id } })).toBe(1);
    // Again: already there, nothing doubled.
    const twice = spawnEntry("scripts/archive-restore.ts", { ...process.env, DATABASE_URL: storeUrl(store) }, [fileA]);
    expect(await twice.exited).toBe(0);
    expect(twice.output.join("")).toMatch(/0 events restored .*skipped 1 still in the store/);
    expect(
      await store.db.auditEntry.count({ where: { action: "archive.restored", objectType: "store" } }),
    ).toBeGreaterThanOrEqual(2);

    // A damaged file is refused before anything is written.
    const bytes = fs.readFileSync(fileB);
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
    fs.writeFileSync(fileB, bytes);
    await store.db.event.delete({ where: { id: b.id } });
    const damaged = spawnEntry("scripts/archive-restore.ts", { ...process.env, DATABASE_URL: storeUrl(store) }, [
      fileB,
    ]);
    expect(await damaged.exited).not.toBe(0);
    expect(damaged.output.join("")).toMatch(/does not match its checksum/);
    expect(await store.db.event.count({ where: { id: b.id } })).toBe(0);
    // Without a file: one line saying what to give it.
    const bare = spawnEntry("scripts/archive-restore.ts", { ...process.env, DATABASE_URL: storeUrl(store) });
    expect(await bare.exited).not.toBe(0);
    expect(bare.output.join("").trim().split("\n")).toEqual([expect.stringMatching(/name the archive file/)]);
  });

  it("a failed write expires nothing; another worker holding the archive keeps this pass from expiring", async () => {
    const relay = await makeRelay(ctx, sink.url);
    const c = await aged(relay, "AR-9", "marker-ar-9", 100);
    const own = fs.mkdtempSync(path.join(os.tmpdir(), "sbx-archive-fail-"));
    try {
      // The integration's folder cannot be made (a file is in its way).
      fs.writeFileSync(path.join(own, relay.slug), "in the way");
      await expect(expireRetention(ctx, { archive: fileArchive(own) })).rejects.toThrow();
      expect(await payloadOf(c.id)).toMatchObject({ order: { note: "marker-ar-9" } });
      fs.rmSync(path.join(own, relay.slug));
      expect(fs.existsSync(path.join(own, ".lock"))).toBe(false);

      fs.mkdirSync(path.join(own, ".lock"));
      expect(await expireRetention(ctx, { archive: fileArchive(own) })).toMatchObject({ payloads: 0, records: 0 });
      expect(await payloadOf(c.id)).toMatchObject({ order: { note: "marker-ar-9" } });
      fs.rmSync(path.join(own, ".lock"), { recursive: true });

      expect(await expireRetention(ctx, { archive: fileArchive(own) })).toMatchObject({ archived: 1 });
      expect(await payloadOf(c.id)).toEqual({ expired: true });
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });
});
