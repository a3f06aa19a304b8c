// npm run migrate — apply the committed migrations to the configured store (DATABASE_URL, else data/signalbox.db),
// then exit. npm start does this itself; web and worker processes started on their own wait for it.
import { configure, exitWithLine } from "../lib/process/start";
import { migrateStore } from "./lib/runtime";

const { target } = configure("migrate");
await migrateStore(target).catch((error: unknown) => exitWithLine("migrate", error));
