// npm start / npm run demo: migrate the store, make sure someone can sign in,
// build the console if needed, then run the web app and the worker together.
import path from "node:path";
import { ensureAdmin } from "../lib/core/auth/ensure-admin";
import { SYSTEM } from "../lib/core/context";
import { createStore } from "../lib/db/client";
import { createContext } from "../lib/db/context";
import { configOrExit } from "../lib/env";
import { backfillDemoHistory } from "./demo/history";
import { seedDemo } from "./demo/seed";
import { buildIfNeeded } from "./lib/build";
import { prepareStore, ROOT, serverSecret } from "./lib/runtime";
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

process.env.SIGNALBOX_SECRET = serverSecret();
// Wrong settings (e.g. single sign-on half configured) stop here, one line each, before anything starts.
configOrExit();
if (!process.env.NEXTAUTH_URL)
  process.env.NEXTAUTH_URL = process.env.SIGNALBOX_PUBLIC_URL ?? `http://localhost:${port}`;

const target = await prepareStore();
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

buildIfNeeded();

const tsx = path.join(ROOT, "node_modules/.bin/tsx");
console.log(`\n  Signalbox is starting on http://localhost:${port}${demo ? "  (demo data)" : ""}\n`);
const code = await supervise(
  [
    // One listener: the integrations' ingest and track calls on the lean path, the rest through Next (scripts/serve.ts).
    {
      name: "web",
      command: tsx,
      args: [path.join(ROOT, "scripts/serve.ts")],
      env: { NODE_ENV: "production", PORT: port },
    },
    {
      name: "worker",
      command: tsx,
      args: [path.join(ROOT, "lib/worker/main.ts")],
      env: { SIGNALBOX_SKIP_MIGRATE: "1" },
    },
    ...(demo
      ? [
          {
            name: "demo traffic",
            command: tsx,
            args: [path.join(ROOT, "scripts/demo/simulate.ts")],
            env: { PORT: port },
          },
        ]
      : []),
  ],
  ROOT,
);
process.exit(code);
