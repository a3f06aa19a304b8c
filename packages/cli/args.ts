// What every command shares: flags and environment (SIGNALBOX_URL, SIGNALBOX_TOKEN, SIGNALBOX_INGEST_KEY,
// SIGNALBOX_INGEST_SECRET), parsing with node's util.parseArgs, reading a record, and output.
import fs from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { createSignalboxClient, SignalboxError, type SignalboxClient } from "../client/index.ts";

/** A mistake in how the command was called: exit 2 with the command's usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** A command asked for its help: printed to stdout, exit 0. */
export class HelpRequested extends Error {
  constructor(readonly usage: string) {
    super("help");
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

const GLOBAL: Options = {
  url: { type: "string" },
  token: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

export const GLOBAL_USAGE = `Options for every command:
  --url URL        the Signalbox address (env SIGNALBOX_URL, default http://localhost:3000)
  --token TOKEN    a personal API token, sbx_pat_… (env SIGNALBOX_TOKEN)
  --json           raw JSON answers instead of tables
  -h, --help       this text`;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parse a command's arguments; --help and mistakes become HelpRequested / UsageError with `usage`. */
export function parse(
  argv: string[],
  options: Options,
  usage: string,
  positionals: { min: number; max: number },
): Parsed {
  let parsed: Parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...GLOBAL, ...options },
      allowPositionals: true,
      strict: true,
    }) as Parsed;
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
  if (parsed.values.help) throw new HelpRequested(usage);
  const n = parsed.positionals.length;
  if (n < positionals.min) throw new UsageError("missing arguments", usage);
  if (n > positionals.max) throw new UsageError(`unexpected argument: ${parsed.positionals[positionals.max]}`, usage);
  return parsed;
}

export const str = (p: Parsed, name: string): string | undefined => p.values[name] as string | undefined;

export function baseUrl(p: Parsed): string {
  return str(p, "url") ?? process.env.SIGNALBOX_URL ?? "http://localhost:3000";
}

/** The management API client with the personal token (flag or SIGNALBOX_TOKEN). */
export function managementClient(p: Parsed, usage: string): SignalboxClient {
  const token = str(p, "token") ?? process.env.SIGNALBOX_TOKEN;
  if (!token) throw new UsageError("no API token: pass --token or set SIGNALBOX_TOKEN", usage);
  return createSignalboxClient({ baseUrl: baseUrl(p), token });
}

/** The integration's credentials for ingest and tracked reports. */
export function ingestCredentials(p: Parsed): { key?: string; secret?: string } {
  return {
    key: str(p, "key") ?? process.env.SIGNALBOX_INGEST_KEY,
    secret: str(p, "secret") ?? process.env.SIGNALBOX_INGEST_SECRET,
  };
}

/** A JSON record from a file, or from stdin for `-` (or when no file is named and stdin is not a terminal). */
export function readRecord(file: string | undefined, usage: string): string {
  if (!file && process.stdin.isTTY) throw new UsageError("give the record as a file, or - for stdin", usage);
  const text = fs.readFileSync(!file || file === "-" ? 0 : file, "utf8");
  try {
    JSON.parse(text);
  } catch {
    throw new UsageError(`${file && file !== "-" ? file : "stdin"} is not JSON`, usage);
  }
  return text;
}

export function parseIso(value: string | undefined, name: string, usage: string): string | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--${name} must be an ISO 8601 time`, usage);
  return at.toISOString();
}

export const out = (line: string): void => void process.stdout.write(`${line}\n`);
export const note = (line: string): void => void process.stderr.write(`${line}\n`);
export const printJson = (value: unknown) => out(JSON.stringify(value, null, 2));

/** Rows as aligned columns under a header. */
export function table(header: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? "-" : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ")).join("\n");
}

export { SignalboxError };
