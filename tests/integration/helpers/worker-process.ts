// Real worker processes (`npm run worker`: node with tsx's loader) on a test store, to kill and to race.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Store } from "@/lib/db/client";
import { nodeCommand } from "@/lib/process/defaults";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  /** what the process wrote to stderr alone */
  stderr: string[];
  ready: Promise<void>;
  exited: Promise<number | null>;
}

export function spawnWorker(store: Store, env: Record<string, string> = {}): WorkerProcess {
  return spawnEntry("lib/worker/main.ts", { ...process.env, DATABASE_URL: storeUrl(store), ...env });
}

export const storeUrl = (store: Store) => (store.provider === "sqlite" ? `file:${store.target.url}` : store.target.url);

/** An entry point (a script under the project) run as npm's scripts run it, with exactly `env` (and arguments). */
export function spawnEntry(script: string, env: NodeJS.ProcessEnv, extraArgs: string[] = []): WorkerProcess {
  const { command, args } = nodeCommand(script);
  const child = spawn(command, [...args, ...extraArgs], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so a kill reaches anything it started
  });
  const output: string[] = [];
  const stderr: string[] = [];
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output.push(text);
    if (text.includes(" ready (")) markReady();
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr.push(chunk.toString());
    collect(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output, stderr, ready, exited };
}

/** Kill the whole process group. */
export function killHard(worker: WorkerProcess): void {
  try {
    process.kill(-worker.child.pid!, "SIGKILL");
  } catch {
    worker.child.kill("SIGKILL");
  }
}
