// Real worker processes (`tsx lib/worker/main.ts`) on a test store, to kill and to race.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Store } from "@/lib/db/client";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  ready: Promise<void>;
  exited: Promise<number | null>;
}

export function spawnWorker(store: Store, env: Record<string, string> = {}): WorkerProcess {
  const url = store.provider === "sqlite" ? `file:${store.target.url}` : store.target.url;
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "lib/worker/main.ts")], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, SIGNALBOX_SKIP_MIGRATE: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so a kill reaches tsx's node child too
  });
  const output: string[] = [];
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output.push(text);
    if (text.includes(" ready (")) markReady();
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output, ready, exited };
}

/** The tsx launcher runs the worker as its child: kill the whole group. */
export function killHard(worker: WorkerProcess): void {
  try {
    process.kill(-worker.child.pid!, "SIGKILL");
  } catch {
    worker.child.kill("SIGKILL");
  }
}
