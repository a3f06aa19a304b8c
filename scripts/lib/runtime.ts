// What every launcher needs before a process starts: the data folder, the
// server secret (generated once and kept in the data folder when not given),
// and the store target with its migrations applied.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { resolveDatabase, type DatabaseTarget } from "../../lib/db/database-url";
import { migrateDatabase } from "../../lib/db/migrate";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export function dataDir(): string {
  const dir = path.resolve(ROOT, process.env.SIGNALBOX_DATA_DIR ?? "data");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** SIGNALBOX_SECRET from the environment, else one generated once into data/secret.key. */
export function serverSecret(): string {
  if (process.env.SIGNALBOX_SECRET) return process.env.SIGNALBOX_SECRET;
  const file = path.join(dataDir(), "secret.key");
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log(
      `signalbox: generated a server secret in ${path.relative(ROOT, file)} (set SIGNALBOX_SECRET to choose your own)`,
    );
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** Resolve the store, apply migrations, and pin DATABASE_URL for child processes. */
export async function prepareStore(): Promise<DatabaseTarget> {
  const target = resolveDatabase(process.env, ROOT);
  if (!process.env.DATABASE_URL) process.env.SIGNALBOX_DATA_DIR = dataDir();
  const started = Date.now();
  await migrateDatabase(target, ROOT);
  const where =
    target.provider === "sqlite" ? path.relative(ROOT, target.url) : target.url.replace(/\/\/[^@]*@/, "//…@");
  console.log(
    `signalbox: ${target.provider} store ready at ${where} (migrations applied in ${Date.now() - started} ms)`,
  );
  process.env.DATABASE_URL = target.provider === "sqlite" ? `file:${target.url}` : target.url;
  return target;
}
