// npm start / npm run demo: migrate the store, make sure someone can sign in,
// build the console if needed, then run the web app and the worker together.
import { ensureAdmin } from "../lib/core/auth/ensure-admin";
import { SYSTEM } from "../lib/core/context";
import { createStore } from "../lib/db/client";
import { createContext } from "../lib/db/context";
import { nodeCommand } from "../lib/process/defaults";
import { configure, exitWithLine } from "../lib/process/start";
import { backfillDemoHistory } from "./demo/history";
import { seedDemo } from "./demo/seed";
import { buildIfNeeded } from "./lib/build";
import { migrateStore, ROOT } from "./lib/runtime";
import { supervise } from "./lib/supervise";

const demo = process.argv.includes("--demo");
const port = process.env.PORT ?? "3000";

// Cross-origin checks and sign-in redirects must not trust forwarded headers alone: a real install names its address.
if (!demo && !process.env.SIGNALBOX_PUBLIC_URL) {
  console.error(
    `signalbox: set SIGNALBOX_PUBLIC_URL to the address people open the console at (e.g. https://signalbox.example.com, or http://localhost:${port} on this machine); npm run demo needs none`,
  );
  process.exit(1);
}

// The shared defaults (secret, store); wrong settings (e.g. single sign-on half configured) stop here, one line
// each, before anything starts.
const { target } = configure("start");
if (!process.env.NEXTAUTH_URL)
  process.env.NEXTAUTH_URL = process.env.SIGNALBOX_PUBLIC_URL ?? `http://localhost:${port}`;

// Only the launcher (and npm run migrate) migrates: web and worker wait for a current schema.
await migrateStore(target).catch((error: unknown) => exitWithLine("start", error));
const store = await createStore(target);
const ctx = createContext(store, SYSTEM);
if (demo) {
  await seedDemo(ctx);
  const past = await backfillDemoHistory(ctx, store);
  if (past)
    console.log(
      `  Demo history: ${past.toLocaleString()} past records over two weeks (the KPIs fill in within a minute)`,
    );
} else {
  const admin = await ensureAdmin(ctx, {
    email: process.env.SIGNALBOX_ADMIN_EMAIL,
    password: process.env.SIGNALBOX_ADMIN_PASSWORD,
  });
  if (admin.created && admin.generatedPassword) {
    console.log(
      `\n  First run: created admin ${admin.email} with password  ${admin.generatedPassword}\n  (shown once; change it in Settings or set SIGNALBOX_ADMIN_PASSWORD)\n`,
    );
  } else if (admin.created) {
    console.log(`signalbox: created admin ${admin.email}`);
  }
}
await store.close();

try {
  buildIfNeeded();
} catch (error) {
  exitWithLine("start", error); // the build's own output is above
}

console.log(`\n  Signalbox is starting on http://localhost:${port}${demo ? "  (demo data)" : ""}\n`);
const code = await supervise(
  [
    // One listener: the integrations' ingest and track calls on the lean path, the rest through Next (scripts/serve.ts).
    {
      name: "web",
      ...nodeCommand("scripts/serve.ts"),
      env: { NODE_ENV: "production", PORT: port },
    },
    {
      name: "worker",
      ...nodeCommand("lib/worker/main.ts"),
    },
    ...(demo
      ? [
          {
            name: "demo traffic",
            ...nodeCommand("scripts/demo/simulate.ts"),
            env: { PORT: port },
          },
        ]
      : []),
  ],
  ROOT,
);
process.exit(code);
