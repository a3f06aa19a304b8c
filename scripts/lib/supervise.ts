// Run the web app and the worker side by side; stop both on a signal or when
// either one dies, so a half-running Signalbox never pretends to be healthy.
import { spawn, type ChildProcess } from "node:child_process";

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

export function supervise(specs: ProcessSpec[], cwd: string): Promise<number> {
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  return new Promise((resolve) => {
    const stopAll = (code: number) => {
      if (stopping) return;
      stopping = true;
      for (const child of children.values()) child.kill("SIGTERM");
      const force = setTimeout(() => children.forEach((c) => c.kill("SIGKILL")), 15_000);
      force.unref();
      const wait = setInterval(() => {
        if ([...children.values()].every((c) => c.exitCode !== null || c.signalCode !== null)) {
          clearInterval(wait);
          resolve(code);
        }
      }, 100);
    };
    for (const spec of specs) {
      const child = spawn(spec.command, spec.args, { cwd, stdio: "inherit", env: { ...process.env, ...spec.env } });
      children.set(spec.name, child);
      child.on("exit", (code, signal) => {
        if (stopping) return;
        console.error(`signalbox: ${spec.name} stopped (${signal ?? `exit ${code}`}); stopping the rest`);
        stopAll(code === 0 ? 1 : (code ?? 1));
      });
    }
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAll(0));
  });
}
