// Upgrading a PostgreSQL store that already holds events to day partitions (migration `…_day_partitions`), through
// `prisma migrate deploy` as `npm run migrate` runs it: every row stays and reads through its table; stored rows sit in
// the legacy partition (an id of another shape in the default one); their keys still refuse duplicates; the days ahead
// get partitions of their own, and new arrivals go there.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { createStore, type Store } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { migrateDatabase } from "@/lib/db/migrate";
import { dayOf, partitionName } from "@/lib/db/partitions";
import { committedMigrations } from "@/lib/db/schema-status";
import { ingest, makeRelay, order, useGlobalStore } from "./helpers/pipeline";
import { pgAdmin, withDatabase } from "./helpers/pg-admin";
import { testContext } from "./helpers/store";

const ROOT = process.cwd();
const PARTITIONING = "20261208000000_day_partitions";
const injected = inject("testDb");
if (injected.provider !== "postgresql") throw new Error("PostgreSQL only");
const testDb = injected;
const name = `sbx_upgrade_${randomBytes(4).toString("hex")}`;
const url = withDatabase(testDb.serverUrl, name);
let store: Store | undefined;
let tmp: string | undefined;

afterAll(async () => {
  await store?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  await pgAdmin(testDb.serverUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
});

/** A copy of the project that knows the migrations before partitioning only (the CLI and code linked, not copied). */
function projectBeforePartitioning(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbx-upgrade-"));
  for (const linked of ["node_modules", "lib", "generated"])
    fs.symlinkSync(path.join(ROOT, linked), path.join(dir, linked));
  for (const file of ["package.json", "tsconfig.json", "prisma.config.ts"])
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  const schema = path.join(dir, "prisma/postgresql");
  fs.mkdirSync(path.join(schema, "migrations"), { recursive: true });
  for (const file of ["schema.prisma", "models.prisma"])
    fs.copyFileSync(path.join(ROOT, "prisma/postgresql", file), path.join(schema, file));
  fs.copyFileSync(
    path.join(ROOT, "prisma/postgresql/migrations/migration_lock.toml"),
    path.join(schema, "migrations/migration_lock.toml"),
  );
  const all = committedMigrations("postgresql", ROOT);
  for (const m of all.slice(0, all.indexOf(PARTITIONING)))
    fs.cpSync(path.join(ROOT, "prisma/postgresql/migrations", m), path.join(schema, "migrations", m), {
      recursive: true,
    });
  return dir;
}

describe("upgrading a PostgreSQL store to day partitions", () => {
  it("keeps every row, its keys and its readers; the days ahead get partitions and new arrivals land there", async () => {
    expect(committedMigrations("postgresql", ROOT)).toContain(PARTITIONING);
    await pgAdmin(testDb.serverUrl, [`CREATE DATABASE ${name}`]);
    tmp = projectBeforePartitioning();
    await migrateDatabase({ provider: "postgresql", url }, tmp);

    // A store as the previous version left it: an integration, events of last month and of today, their rows.
    const old = new pg.Client({ connectionString: url });
    await old.connect();
    const lastMonth = newId(Date.now() - 30 * 86_400_000);
    const today = newId();
    const odd = "evt_from_an_import";
    try {
      await old.query(`INSERT INTO "Integration" ("id","rateLimit","createdAt","updatedAt","sourceSystem","mode","name","slug","retryPolicy","targetSystem")
        VALUES ('int_old', '{}', now(), now(), 'shop', 'relay', 'Old', 'old-shop', '{}', 'erp')`);
      for (const [id, key] of [
        [lastMonth, "k-last-month"],
        [today, "k-today"],
        [odd, "k-odd"],
      ])
        await old.query(
          `INSERT INTO "Event" ("id","integrationId","idempotencyKey","fingerprint","correlationId","payload","status","receivedAt","updatedAt")
           VALUES ($1, 'int_old', $2, 'f', 'c', '{"note":"kept"}', 'succeeded', now(), now())`,
          [id, key],
        );
      await old.query(
        `INSERT INTO "StageRun" ("id","eventId","stage","status","startedAt") VALUES ('s1', $1, 'received', 'succeeded', now())`,
        [lastMonth],
      );
      await old.query(
        `INSERT INTO "DuplicateArrival" ("id","eventId","integrationId","kind","fingerprint","receivedAt") VALUES ('d1', $1, 'int_old', 'duplicate', 'f', now())`,
        [today],
      );
      await old.query(
        `INSERT INTO "Exception" ("id","eventId","integrationId","category","reason","signature","openedAt","dueAt") VALUES ('x1', $1, 'int_old', 'permanent', 'r', 's', now(), now())`,
        [lastMonth],
      );
    } finally {
      await old.end();
    }

    await migrateDatabase({ provider: "postgresql", url }, ROOT);
    store = await createStore({ provider: "postgresql", url });
    const db = store.db;
    const where = async (table: string, key: string, id: string) =>
      (
        await db.$queryRawUnsafe<{ p: string }[]>(
          `SELECT c.relname::text AS p FROM "${table}" t JOIN pg_class c ON c.oid = t.tableoid WHERE t."${key}" = $1`,
          id,
        )
      ).map((r) => r.p);

    // Every row is there, where it belongs.
    expect(await where("Event", "id", lastMonth)).toEqual(["Event_legacy"]);
    expect(await where("Event", "id", today)).toEqual(["Event_legacy"]);
    expect(await where("Event", "id", odd)).toEqual(["Event_default"]);
    expect(await where("StageRun", "eventId", lastMonth)).toEqual(["StageRun_legacy"]);
    expect(await where("DuplicateArrival", "eventId", today)).toEqual(["DuplicateArrival_legacy"]);
    expect(await db.exception.count({ where: { eventId: lastMonth } })).toBe(1);
    expect(await db.event.findUnique({ where: { id: lastMonth }, include: { stages: true } })).toMatchObject({
      payload: { note: "kept" },
      stages: [{ id: "s1" }],
    });
    const keys = await db.$queryRawUnsafe<{ k: string }[]>(`SELECT "idempotencyKey" AS k FROM "EventKey" ORDER BY 1`);
    expect(keys.map((r) => r.k)).toEqual(["k-last-month", "k-odd", "k-today"]);

    // The days ahead have partitions of their own (today's rows go on into the legacy one).
    const tomorrow = dayOf(Date.now() + 86_400_000);
    const tables = await db.$queryRawUnsafe<{ n: string }[]>(
      `SELECT relname::text AS n FROM pg_class WHERE relname = $1`,
      partitionName("Event", tomorrow),
    );
    expect(tables).toHaveLength(1);

    // A stored key still refuses its duplicate; the store works as before: an arrival, then its duplicate.
    const again = await db.$queryRawUnsafe<unknown[]>(
      `INSERT INTO "EventKey" ("integrationId","idempotencyKey","eventId") VALUES ('int_old', 'k-today', 'other')
       ON CONFLICT DO NOTHING RETURNING 1`,
    );
    expect(again).toEqual([]);
    useGlobalStore(store);
    const relay = await makeRelay(testContext(store), "http://127.0.0.1:9");
    const first = await ingest(relay.slug, order("UP-1"), { key: relay.key });
    expect(first.status).toBe(202);
    expect(await ingest(relay.slug, order("UP-1"), { key: relay.key })).toMatchObject({
      status: 200,
      body: { id: first.body.id, duplicate: true },
    });
    // Today's arrivals go on into the legacy partition (it ends tonight); from tomorrow on, each day has its own.
    expect(await where("Event", "id", first.body.id!)).toEqual(["Event_legacy"]);
  });
});
