// Seed a PostgreSQL store for a look or a measurement: tsx scripts/bench/seed.ts <postgres-url> [n] (default 1M events
// over 30 days; the store is migrated first). What it writes: seed-events.ts.
import { migrateDatabase } from "../../lib/db/migrate";
import { ROOT } from "../lib/runtime";
import { seedEvents } from "./seed-events";

const [url, count] = process.argv.slice(2);
if (!url?.startsWith("postgres")) {
  console.error("usage: tsx scripts/bench/seed.ts <postgres-url> [n]");
  process.exit(2);
}
await migrateDatabase({ provider: "postgresql", url }, ROOT);
const result = await seedEvents({ url, events: count ? Number(count) : undefined, log: console.log });
console.log(`seeded ${JSON.stringify(result.counts)} in ${result.seconds.toFixed(1)} s`);
