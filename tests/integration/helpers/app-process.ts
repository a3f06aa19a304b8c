// The real web process (scripts/serve.ts: the lean path + Next's production server) on a test store and a free port,
// for tests that drive Signalbox over HTTP from outside (the CLI). Builds the console first when the build is stale.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type { Store } from "@/lib/db/client";
import { nodeCommand } from "@/lib/process/defaults";
import { buildIfNeeded } from "@/scripts/lib/build";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export interface AppProcess {
  url: string;
  child: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startApp(store: Store, timeoutMs = 60_000): Promise<AppProcess> {
  buildIfNeeded();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { command, args } = nodeCommand("scripts/serve.ts");
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: store.provider === "sqlite" ? `file:${store.target.url}` : store.target.url,
      NEXTAUTH_URL: url,
      SIGNALBOX_PUBLIC_URL: url,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: stop() reaches anything it started
  });
  const output: string[] = [];
  child.stdout!.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr!.on("data", (c: Buffer) => output.push(c.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web process exited:\n${output.join("")}`);
    const up = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > until) throw new Error(`the web process did not answer in time:\n${output.join("")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    output,
    async stop() {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        return;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    },
  };
}
