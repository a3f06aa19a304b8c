// The archive on disk (SIGNALBOX_ARCHIVE_DIR): records about to expire, as gzipped NDJSON, one file per integration
// and UTC day of arrival (`<dir>/<slug>/<YYYY-MM-DD>.ndjson.gz`). Each write appends one gzip member (a multi-member
// gzip file reads as one stream), is flushed to disk before the store changes, and is listed in `manifest.json` with
// its offset, size, event count and SHA-256, so a file can be checked member by member. Lines are written one at a
// time through the compressor: memory stays bounded by one chunk of events, whatever the file's size.
// A lock directory keeps two workers sharing the directory from writing the same records.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { createGzip } from "node:zlib";
import type { Archive, ArchivedEvent, ArchiveWriter } from "@/lib/core/ports";

export const MANIFEST = "manifest.json";
const LOCK = ".lock";
/** A lock older than this is from a worker that died mid-pass. */
const STALE_LOCK_MS = 30 * 60_000;

export interface ManifestMember {
  offset: number;
  bytes: number;
  events: number;
  sha256: string;
  at: string;
}

export interface Manifest {
  version: 1;
  files: Record<string, { events: number; bytes: number; members: ManifestMember[] }>;
}

export function readManifest(dir: string): Manifest {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), "utf8")) as Manifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, files: {} };
    throw error;
  }
}

/** Replace the manifest atomically (write aside, flush, rename). */
function writeManifest(dir: string, manifest: Manifest) {
  const file = path.join(dir, MANIFEST);
  const aside = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(aside, "w", 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(manifest, null, 1));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(aside, file);
}

const dayOf = (e: ArchivedEvent) => String(e.event.receivedAt).slice(0, 10);

/** Append one gzip member holding `events` (one JSON line each) to `file`; its size and SHA-256. */
async function appendMember(file: string, events: ArchivedEvent[]) {
  const hash = createHash("sha256");
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const out = fs.createWriteStream(file, { flags: "a", mode: 0o600 });
  const gzip = createGzip();
  const written = pipeline(gzip, tap, out);
  for (const e of events) if (!gzip.write(`${JSON.stringify(e)}\n`)) await new Promise((r) => gzip.once("drain", r));
  gzip.end();
  await written;
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { bytes, sha256: hash.digest("hex") };
}

export function fileArchive(dir: string): Archive {
  const lock = path.join(dir, LOCK);
  return {
    async begin() {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      try {
        fs.mkdirSync(lock);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        if (Date.now() - fs.statSync(lock).mtimeMs < STALE_LOCK_MS) return false;
        fs.utimesSync(lock, new Date(), new Date()); // a dead worker's lock: taken over
        return true;
      }
    },
    writer(slug: string): ArchiveWriter {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new Error(`unsafe integration slug for a file name: ${slug}`);
      return async (events) => {
        const byDay = new Map<string, ArchivedEvent[]>();
        for (const e of events) byDay.set(dayOf(e), [...(byDay.get(dayOf(e)) ?? []), e]);
        fs.mkdirSync(path.join(dir, slug), { recursive: true, mode: 0o700 });
        const manifest = readManifest(dir);
        for (const [day, some] of byDay) {
          const name = `${slug}/${day}.ndjson.gz`;
          const file = path.join(dir, name);
          const offset = fs.existsSync(file) ? fs.statSync(file).size : 0;
          const member = await appendMember(file, some);
          const entry = (manifest.files[name] ??= { events: 0, bytes: 0, members: [] });
          entry.members.push({ offset, ...member, events: some.length, at: new Date().toISOString() });
          entry.events += some.length;
          entry.bytes = offset + member.bytes;
        }
        writeManifest(dir, manifest);
        fs.utimesSync(lock, new Date(), new Date());
      };
    },
    async end() {
      fs.rmSync(lock, { recursive: true, force: true });
    },
  };
}

/** Check a file against the manifest, member by member. @returns problems, in words (none: intact) */
export async function verifyArchiveFile(dir: string, name: string): Promise<string[]> {
  const entry = readManifest(dir).files[name];
  if (!entry) return [`${name} is not in ${path.join(dir, MANIFEST)}`];
  const file = path.join(dir, name);
  const size = fs.statSync(file).size;
  const problems: string[] = [];
  if (size < entry.bytes) problems.push(`${name} is shorter than the manifest says (${size} of ${entry.bytes} bytes)`);
  for (const [i, m] of entry.members.entries()) {
    if (m.offset + m.bytes > size) continue;
    const hash = createHash("sha256");
    for await (const chunk of fs.createReadStream(file, { start: m.offset, end: m.offset + m.bytes - 1 }))
      hash.update(chunk as Buffer);
    if (hash.digest("hex") !== m.sha256) problems.push(`${name}: part ${i + 1} does not match its checksum`);
  }
  return problems;
}
