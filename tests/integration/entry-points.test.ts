// Entry points fail with one clear line (issue 11 item 11): `npm start` refuses to run without the public address.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodeCommand } from "@/lib/process/defaults";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("npm start", () => {
  it("without SIGNALBOX_PUBLIC_URL exits 1 with one line saying what to set, before touching any store", () => {
    const env = { ...process.env, SIGNALBOX_PUBLIC_URL: "", DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" };
    delete (env as Record<string, string | undefined>).SIGNALBOX_PUBLIC_URL;
    const launch = nodeCommand("scripts/launch.ts");
    const run = spawnSync(launch.command, launch.args, {
      cwd: ROOT,
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^signalbox: set SIGNALBOX_PUBLIC_URL to the address people open the console at/);
  });
});
