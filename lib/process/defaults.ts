// The defaults every entry point shares (npm start, npm run demo, npm run worker, npm run migrate, the web process):
// the data folder, the server secret (generated once into the data folder when not given) and the store. A process
// started on its own behaves exactly as it does under the launcher.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { DatabaseTarget } from "../db/database-url";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export function dataDir(): string {
  const dir = path.resolve(ROOT, process.env.SIGNALBOX_DATA_DIR ?? "data");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** SIGNALBOX_SECRET from the environment, else the one generated once into <data>/secret.key (by whichever process
 * comes first: two processes starting together agree on one). */
export function serverSecret(): string {
  if (process.env.SIGNALBOX_SECRET) return process.env.SIGNALBOX_SECRET;
  const file = path.join(dataDir(), "secret.key");
  if (!fs.existsSync(file)) {
    const written = path.join(path.dirname(file), `.secret.${process.pid}.tmp`);
    fs.writeFileSync(written, randomBytes(32).toString("base64url"), { mode: 0o600 });
    try {
      fs.linkSync(written, file); // fails if another process got there first: theirs is kept
      console.log(
        `signalbox: generated a server secret in ${shortPath(file)} (set SIGNALBOX_SECRET to choose your own)`,
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(written, { force: true });
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** A file for a log line: relative to the project when inside it, else in full. */
export function shortPath(file: string): string {
  const relative = path.relative(ROOT, file);
  return relative.startsWith("..") ? file : relative;
}

/** A store's address for a log line: the SQLite file, or the URL without its credentials. */
export function describeTarget(target: DatabaseTarget): string {
  return target.provider === "sqlite" ? shortPath(target.url) : target.url.replace(/\/\/[^@]*@/, "//…@");
}

/**
 * How a Signalbox process runs a TypeScript entry point: one node process with tsx's loader. Not the tsx command,
 * whose signal relay SIGKILLs its child when the child has not acknowledged a SIGTERM within 60 ms — a busy worker
 * or web process would be killed instead of draining.
 */
export function nodeCommand(script: string, nodeFlags: string[] = []): { command: string; args: string[] } {
  return { command: process.execPath, args: [...nodeFlags, "--import", "tsx", path.join(ROOT, script)] };
}
