// npm test: every part of the suite, in order, with one closing line
// `N passed, N failed` summing all of them (the CI reads that line).
//   format · lint · typecheck · unit · build · integration and web process + command line on SQLite · the same on
//   PostgreSQL (TEST_POSTGRES_URL, or a server on 127.0.0.1:5432) · browser
// A part that cannot run fails — except PostgreSQL on a machine without one.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { buildIfNeeded } from "./lib/build";
import { ROOT } from "./lib/runtime";

const OUT = path.join(ROOT, ".test-output");
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });

interface Part {
  name: string;
  passed: number;
  failed: number;
  note: string;
}
const parts: Part[] = [];
const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);

function banner(text: string) {
  console.log(`\n${"=".repeat(78)}\n== ${text}\n${"=".repeat(78)}`);
}

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

/** A check that is one pass or one failure (lint, typecheck, build). */
function check(name: string, fn: () => number) {
  banner(name);
  const code = fn();
  parts.push({
    name,
    passed: code === 0 ? 1 : 0,
    failed: code === 0 ? 0 : 1,
    note: code === 0 ? "ok" : `exit ${code}`,
  });
}

function vitest(name: string, project: string, env: Record<string, string> = {}) {
  banner(name);
  const file = path.join(OUT, `${name.replace(/\W+/g, "-")}.json`);
  const code = run(
    bin("vitest"),
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`],
    env,
  );
  const report = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, number>) : null;
  const passed = report?.numPassedTests ?? 0;
  let failed = report?.numFailedTests ?? 0;
  const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
  if ((code !== 0 && failed === 0) || passed + failed === 0) failed += 1; // crashed, or ran nothing
  parts.push({
    name,
    passed,
    failed,
    note: skipped ? `${skipped} skipped (counted as failed)` : code === 0 ? "ok" : `exit ${code}`,
  });
  if (skipped) parts[parts.length - 1]!.failed += skipped;
}

async function postgresUrl(): Promise<{ url: string | null; why: string }> {
  const explicit = process.env.TEST_POSTGRES_URL;
  const candidate = explicit ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const client = new pg.Client({ connectionString: candidate, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { url: candidate, why: explicit ? "TEST_POSTGRES_URL" : "a server answers on 127.0.0.1:5432" };
  } catch (error) {
    if (explicit)
      throw new Error(`TEST_POSTGRES_URL is set but PostgreSQL does not answer: ${(error as Error).message}`);
    return { url: null, why: "no TEST_POSTGRES_URL and nothing answers on 127.0.0.1:5432" };
  } finally {
    await client.end().catch(() => {});
  }
}

check("format (prettier --check)", () => run(bin("prettier"), ["--check", ".", "--log-level", "warn"]));
check("lint (eslint, import boundaries)", () => run(bin("eslint"), ["."]));
check("typecheck (tsc --noEmit)", () => run(bin("tsc"), ["--noEmit", "-p", "."]));
vitest("unit", "unit");
// Built before the integration parts: the command-line tests drive the real web process.
check("build (next build)", () => {
  try {
    buildIfNeeded();
    return 0;
  } catch {
    return 1;
  }
});
vitest("integration on SQLite", "integration", { TEST_DB: "sqlite" });
vitest("web process and command line on SQLite", "cli", { TEST_DB: "sqlite" });

let pgTarget: { url: string | null; why: string };
try {
  pgTarget = await postgresUrl();
} catch (error) {
  pgTarget = { url: null, why: (error as Error).message };
  parts.push({ name: "integration on PostgreSQL", passed: 0, failed: 1, note: pgTarget.why });
}
if (pgTarget.url) {
  vitest("integration on PostgreSQL", "integration", { TEST_DB: "postgresql", TEST_POSTGRES_URL: pgTarget.url });
  parts[parts.length - 1]!.note += ` (${pgTarget.why})`;
  vitest("web process and command line on PostgreSQL", "cli", {
    TEST_DB: "postgresql",
    TEST_POSTGRES_URL: pgTarget.url,
  });
} else if (!parts.some((p) => p.name === "integration on PostgreSQL")) {
  banner("integration on PostgreSQL: NOT RUN");
  console.log(`!!! PostgreSQL part skipped: ${pgTarget.why}.\n!!! Set TEST_POSTGRES_URL to run it.`);
}

banner("browser end-to-end (Playwright, Chromium)");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  console.log(`!!! Chromium not found at ${chromium}: install it (apt-get install -y chromium).`);
  parts.push({ name: "browser end-to-end", passed: 0, failed: 1, note: "Chromium missing" });
} else {
  const code = run(bin("playwright"), ["test"]);
  const file = path.join(OUT, "e2e.json");
  const stats = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, "utf8")) as { stats: Record<string, number> }).stats
    : null;
  const passed = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  let failed = (stats?.unexpected ?? 0) + (stats?.skipped ?? 0);
  if ((code !== 0 && failed === 0) || passed + failed === 0) failed += 1;
  parts.push({ name: "browser end-to-end", passed, failed, note: code === 0 ? "ok" : `exit ${code}` });
}

banner("summary");
for (const p of parts)
  console.log(
    `  ${p.failed ? "FAIL" : "ok  "}  ${p.name.padEnd(36)} ${String(p.passed).padStart(4)} passed ${String(p.failed).padStart(3)} failed   ${p.note}`,
  );
if (!pgTarget.url && !parts.some((p) => p.name === "integration on PostgreSQL")) {
  console.log("  SKIP  integration on PostgreSQL            (no PostgreSQL on this machine)");
}
const passed = parts.reduce((n, p) => n + p.passed, 0);
const failed = parts.reduce((n, p) => n + p.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
