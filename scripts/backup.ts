// npm run backup [-- FILE] — a consistent copy of the embedded store while Signalbox runs, with SQLite's online
// backup (a read snapshot: writers carry on), checked before it is called done. PostgreSQL is backed up with its own
// tools (docs/OPERATIONS.md#backups).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { dataDir, describeTarget, shortPath } from "../lib/process/defaults";
import { configure, exitWithLine } from "../lib/process/start";

const { target } = configure("backup");
if (target.provider !== "sqlite")
  exitWithLine(
    "backup",
    "npm run backup copies the embedded store; back up PostgreSQL with pg_dump or pg_basebackup (docs/OPERATIONS.md, Backups)",
  );
if (!fs.existsSync(target.url)) exitWithLine("backup", `there is no store at ${describeTarget(target)} yet`);

const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
const file = path.resolve(process.argv[2] ?? path.join(dataDir(), "backups", `signalbox-${stamp}.db`));
if (fs.existsSync(file)) exitWithLine("backup", `${shortPath(file)} already exists; name another file`);
fs.mkdirSync(path.dirname(file), { recursive: true });

const started = Date.now();
const source = new Database(target.url, { readonly: true, fileMustExist: true, timeout: 10_000 });
const partial = `${file}.partial`;
try {
  // All remaining pages in one step: each step reads one snapshot, and a write between steps would start it over.
  await source.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
} catch (error) {
  fs.rmSync(partial, { force: true });
  exitWithLine("backup", error);
} finally {
  source.close();
}

// A copy that does not open, or fails SQLite's check, is not a backup.
const copy = new Database(partial, { fileMustExist: true });
let events = 0;
try {
  const check = copy.pragma("quick_check", { simple: true });
  if (check !== "ok") throw new Error(`the copy failed SQLite's check: ${String(check)}`);
  copy.pragma("journal_mode = DELETE"); // one self-contained file, no -wal beside it
  events = (copy.prepare(`SELECT count(*) AS n FROM "Event"`).get() as { n: number }).n;
} catch (error) {
  copy.close();
  fs.rmSync(partial, { force: true });
  exitWithLine("backup", error);
}
copy.close();
fs.chmodSync(partial, 0o600); // it holds every payload: readable by Signalbox's user only
fs.renameSync(partial, file);

const mb = (fs.statSync(file).size / 1_048_576).toFixed(1);
console.log(
  `signalbox backup: ${events.toLocaleString("en")} events in ${shortPath(file)} (${mb} MB, ${Date.now() - started} ms)`,
);
console.log(
  "signalbox backup: keep the server secret with it, stored apart (SIGNALBOX_SECRET, or secret.key in the data folder): the sealed signing secrets need it",
);
