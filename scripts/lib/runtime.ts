// What the launchers need beyond the shared defaults (lib/process/defaults.ts): the store with its migrations
// applied. Only the launcher and `npm run migrate` migrate; web and worker processes wait for a current schema.
import { migrateDatabase } from "../../lib/db/migrate";
import type { DatabaseTarget } from "../../lib/db/database-url";
import { describeTarget, ROOT } from "../../lib/process/defaults";

export { ROOT };

/** Apply the committed migrations to the configured store (configure() has pinned DATABASE_URL). */
export async function migrateStore(target: DatabaseTarget): Promise<void> {
  const started = Date.now();
  await migrateDatabase(target, ROOT);
  console.log(
    `signalbox: ${target.provider} store ready at ${describeTarget(target)} (migrations applied in ${Date.now() - started} ms)`,
  );
}
