// signalbox — the command line for Signalbox's HTTP API, on the generated client (packages/client).
// Exit codes: 0 done, 1 the API (or the network) said no — one line on stderr, 2 a usage mistake.
import { SignalboxError } from "../client/index.ts";
import { GLOBAL_USAGE, HelpRequested, UsageError } from "./args";
import { auditExport, eventsGet, redeliver, send, tail } from "./commands/events";
import { exceptionsList, exceptionsReplay, exceptionsRetry } from "./commands/exceptions";
import { trackOutcome, trackStage, trackStart } from "./commands/track";

type Command = (argv: string[]) => Promise<number | void>;

const COMMANDS: Record<string, Command | Record<string, Command>> = {
  send,
  tail,
  events: { get: eventsGet },
  exceptions: { list: exceptionsList, retry: exceptionsRetry, replay: exceptionsReplay },
  redeliver,
  audit: { export: auditExport },
  track: { start: trackStart, stage: trackStage, outcome: trackOutcome },
};

const USAGE = `Usage: signalbox <command> [options]   (signalbox <command> --help for one command)

Commands:
  send <integration> [file|-]          send a JSON record to an integration's ingest address
  tail [--integration s] [--status s]  follow new events (--until-delivered <id> to wait for one)
  events get <id>                      one event with its stages
  exceptions list|retry|replay         the exceptions queue
  redeliver --integration s            deliver matching events again (asks first; --yes)
  audit export --from ISO --to ISO     the audit log of a period as NDJSON
  track start|stage|outcome            report a tracked integration's work

${GLOBAL_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [name, sub, ...rest] = argv;
  if (!name) throw new UsageError("say which command", USAGE);
  if (name === "--help" || name === "-h" || name === "help") throw new HelpRequested(USAGE);
  const entry = COMMANDS[name];
  if (!entry) throw new UsageError(`unknown command: ${name}`, USAGE);
  if (typeof entry === "function") return (await entry(argv.slice(1))) ?? 0;
  const names = Object.keys(entry).join("|");
  const command = sub ? entry[sub] : undefined;
  if (!command) {
    const usage = `Usage: signalbox ${name} ${names} …   (signalbox ${name} <${names}> --help)`;
    if (sub === "--help" || sub === "-h") throw new HelpRequested(usage);
    throw new UsageError(sub ? `unknown command: ${name} ${sub}` : `say which: ${name} ${names}`, usage);
  }
  return (await command(rest)) ?? 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof HelpRequested) {
    process.stdout.write(`${error.usage}\n`);
    process.exitCode = 0;
  } else if (error instanceof UsageError) {
    process.stderr.write(`signalbox: ${error.message}\n\n${error.usage}\n`);
    process.exitCode = 2;
  } else if (error instanceof SignalboxError) {
    process.stderr.write(
      `signalbox: ${error.message} (${error.code}${error.status ? `, HTTP ${error.status}` : ""})\n`,
    );
    process.exitCode = 1;
  } else {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    process.stderr.write(`signalbox: ${e.cause?.message ?? e.message}${e.cause?.code ? ` (${e.cause.code})` : ""}\n`);
    process.exitCode = 1;
  }
}
