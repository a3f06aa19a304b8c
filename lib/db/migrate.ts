// Apply the committed migrations of the configured store (`prisma migrate deploy`).
// Safe to run from several processes at once: Prisma takes an advisory lock.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "./database-url";
import { ensureDayPartitions } from "./partitions";

/**
 * A new embedded store is created with incremental auto-vacuum, so that space freed by retention can be given back to
 * the file system a little at a time (`PRAGMA incremental_vacuum`), never by a VACUUM that locks the whole store.
 * The mode can only be chosen before the first table exists: an existing store keeps its own (a one-off VACUUM while
 * Signalbox is stopped turns it on, see docs/OPERATIONS.md).
 */
function createSqliteStore(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file) && fs.statSync(file).size > 0) return;
  const db = new Database(file);
  try {
    db.pragma("auto_vacuum = INCREMENTAL");
    db.exec("CREATE TABLE _signalbox_init (x); DROP TABLE _signalbox_init;"); // writes the header with the mode
  } finally {
    db.close();
  }
}

export async function migrateDatabase(target: DatabaseTarget, root: string = process.cwd()): Promise<void> {
  if (target.provider === "sqlite") createSqliteStore(target.url);
  const url = target.provider === "sqlite" ? `file:${target.url}` : target.url;
  const cli = path.join(root, "node_modules/prisma/build/index.js");
  const preload = path.join(root, "lib/db/unref-long-timers.cjs");
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", preload, cli, "migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", reject);
    child.on("exit", resolve);
  });
  if (code !== 0) {
    const lines = output
      .join("")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    const reason = lines.find((l) => /^(Error|P\d{4})/.test(l)) ?? lines.at(-1) ?? `exit ${code}`;
    // The first line says what went wrong (entry points print only it); the whole output follows for a log.
    throw new Error(`migrating the ${target.provider} store failed: ${reason}\n${lines.join("\n")}`);
  }
  if (target.provider === "postgresql") {
    // The partitions of the days ahead (the worker keeps creating them; see lib/db/partitions.ts).
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await ensureDayPartitions((sql) => client.query(sql));
    } finally {
      await client.end();
    }
  }
}
