// npm run migrate — apply the committed migrations to the configured store (DATABASE_URL, else data/signalbox.db),
// then exit. npm start and npm run worker do this themselves at start; this is for an upgrade done ahead of them.
import { prepareStore } from "./lib/runtime";

await prepareStore();
