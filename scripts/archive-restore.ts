// npm run archive:restore -- FILE — bring the events of one archive file (SIGNALBOX_ARCHIVE_DIR/<slug>/<day>.ndjson.gz)
// back into the store for a look, under legal hold. The file is checked against the archive's manifest first, part by
// part; a part that does not match its checksum stops the restore before anything is written.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { createGunzip } from "node:zlib";
import { MANIFEST, readManifest, verifyArchiveFile } from "../lib/archive/files";
import { SYSTEM } from "../lib/core/context";
import { restoreArchive } from "../lib/core/retention/archive-restore";
import { createStore } from "../lib/db/client";
import { createContext } from "../lib/db/context";
import { shortPath } from "../lib/process/defaults";
import { exitWithLine, startUp } from "../lib/process/start";

const NAME = "archive:restore";
const arg = process.argv[2];
if (!arg)
  exitWithLine(NAME, "name the archive file: npm run archive:restore -- <archive dir>/<integration>/<day>.ndjson.gz");
const file = path.resolve(arg);
if (!fs.existsSync(file)) exitWithLine(NAME, `there is no file ${shortPath(file)}`);
const dir = path.dirname(path.dirname(file));
const name = path.relative(dir, file).split(path.sep).join("/");
const entry = fs.existsSync(path.join(dir, MANIFEST)) ? readManifest(dir).files[name] : undefined;
if (entry) {
  const problems = await verifyArchiveFile(dir, name);
  if (problems.length) exitWithLine(NAME, problems.join("; "));
} else console.log(`signalbox ${NAME}: ${shortPath(file)} is not in a manifest; restoring it unchecked`);

/** The file's lines: part by part as the manifest lists them (a torn write after the last part is left out). */
async function* lines(): AsyncGenerator<string> {
  const parts = entry ? entry.members.map((m) => ({ start: m.offset, end: m.offset + m.bytes - 1 })) : [{}];
  for (const part of parts) {
    const gunzip = fs.createReadStream(file, part).pipe(createGunzip());
    yield* readline.createInterface({ input: gunzip, crlfDelay: Infinity });
  }
}

const { target } = await startUp(NAME);
const store = await createStore(target);
try {
  const counts = await restoreArchive(createContext(store, SYSTEM), name, lines());
  const skipped = [
    counts.present && `${counts.present} still in the store`,
    counts.keyTaken && `${counts.keyTaken} whose key a newer event holds`,
    counts.noIntegration && `${counts.noIntegration} of a deleted integration`,
    counts.unreadable && `${counts.unreadable} unreadable lines`,
  ].filter(Boolean);
  console.log(
    `signalbox ${NAME}: ${counts.restored} events restored under legal hold from ${shortPath(file)}${skipped.length ? `; skipped ${skipped.join(", ")}` : ""}`,
  );
} catch (error) {
  exitWithLine(NAME, error);
} finally {
  await store.close();
}
