// How a Signalbox process starts on its own: the shared defaults, the configuration checked (one line per problem,
// never a stack), and — for web and worker — a store whose schema is current, waited for rather than migrated.
import { resolveDatabase, type DatabaseTarget } from "../db/database-url";
import { waitForSchema } from "../db/schema-status";
import { configOrExit, type Env } from "../env";
import { dataDir, ROOT, serverSecret } from "./defaults";

/** End the process with one plain line: `signalbox <name>: <what went wrong>`. */
export function exitWithLine(name: string, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`signalbox ${name}: ${message.split("\n")[0]}`);
  process.exit(1);
}

/** The defaults filled in and pinned in the environment (child processes and Next's handlers read them), and the
 * configuration validated. */
export function configure(name: string): { env: Env; target: DatabaseTarget } {
  try {
    process.env.SIGNALBOX_SECRET = serverSecret();
  } catch (error) {
    exitWithLine(name, error);
  }
  const env = configOrExit();
  const target = resolveDatabase(process.env, ROOT);
  if (!process.env.DATABASE_URL) process.env.SIGNALBOX_DATA_DIR = dataDir();
  process.env.DATABASE_URL = target.provider === "sqlite" ? `file:${target.url}` : target.url;
  return { env, target };
}

/** configure(), then wait for the store's schema to be current (web and worker never migrate it themselves). */
export async function startUp(name: string): Promise<{ env: Env; target: DatabaseTarget }> {
  const configured = configure(name);
  await waitForSchema(configured.target, {
    waitMs: configured.env.SIGNALBOX_SCHEMA_WAIT_SECONDS * 1_000,
    onWait: (line) => console.log(`signalbox ${name}: ${line}`),
  }).catch((error: unknown) => exitWithLine(name, error));
  return configured;
}
