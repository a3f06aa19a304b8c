// The server the browser tests run against: the demo on a fresh temporary
// store and its own port, exactly as `npm run demo` starts it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { nodeCommand } from "../lib/process/defaults";
import { ROOT } from "./lib/runtime";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbx-e2e-"));
const launch = nodeCommand("scripts/launch.ts");
const child = spawn(launch.command, [...launch.args, "--demo"], {
  cwd: ROOT,
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: process.env.E2E_PORT ?? "3100",
    SIGNALBOX_DATA_DIR: dir,
    SIGNALBOX_SECRET: "e2e-secret-0123456789abcdef",
    SIGNALBOX_DEMO_SINK_PORT: String(Number(process.env.E2E_PORT ?? 3100) + 1),
    DATABASE_URL: "",
    NEXTAUTH_URL: "",
    SIGNALBOX_CHECK_RESPONSES: "1",
  },
});
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => {
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
