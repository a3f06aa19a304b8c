// Benchmark plumbing: a fresh PostgreSQL database, processes to start and stop.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
import { nodeCommand } from "../../lib/process/defaults";
import { ROOT } from "../lib/runtime";

export async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/** BENCH_PROFILE=DIR writes a CPU profile of every process the bench starts into DIR (on exit). */
const profile = process.env.BENCH_PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];

/** A TypeScript entry point of the project, run as npm's scripts run it (node with tsx's loader). */
export function startScript(script: string, args: string[], env: Record<string, string>): ChildProcess {
  const run = nodeCommand(script, profile);
  return startProcess(run.command, [...run.args, ...args], env);
}

export function startProcess(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    /* already gone */
  }
}

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU time (ms, user + system) each process has spent so far: a process and its descendants, and the store's
 * server's backends for this database (the shared WAL writer and checkpointer serve other databases too). */
export function cpuSpent(
  rootPid: number,
  database: string,
): { process: Map<number, number>; store: Map<number, number> } {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const procs = fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
        return {
          pid: Number(pid),
          ppid: Number(fields[1]),
          cpu: (Number(fields[11]) + Number(fields[12])) * tick,
          cmd,
        };
      } catch {
        return null; // gone meanwhile
      }
    })
    .filter((p) => p !== null);
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs)
      if (tree.has(p.ppid) && !tree.has(p.pid)) {
        tree.add(p.pid);
        grew = true;
      }
  }
  const own = new Map<number, number>();
  const store = new Map<number, number>();
  for (const p of procs) {
    if (tree.has(p.pid)) own.set(p.pid, p.cpu);
    else if (p.cmd.startsWith("postgres: ") && p.cmd.includes(` ${database} `)) store.set(p.pid, p.cpu);
  }
  return { process: own, store };
}

/** CPU (ms) spent between two readings by the processes alive at the second (new ones count from zero). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, cpu] of after) sum += cpu - (before.get(pid) ?? 0);
  return sum;
}
