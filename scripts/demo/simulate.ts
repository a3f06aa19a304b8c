// `npm run demo`'s traffic: a local demo destination plus a steady stream of
// records into the three demo integrations, through the public endpoints.
import { createKey } from "../../lib/core/integrations/credentials";
import type { Ctx } from "../../lib/core/context";
import { createStore } from "../../lib/db/client";
import { createContext } from "../../lib/db/context";
import { DEMO_SINK_PORT } from "./integrations";
import { startDemoSink } from "./sink";
import { DemoTraffic } from "./traffic";

const base = `http://127.0.0.1:${process.env.PORT ?? "3000"}`;

async function waitForWeb() {
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the web app did not come up");
}

async function credentials(ctx: Ctx) {
  const key = async (slug: string) => (await createKey({ ctx, slug, input: { name: "demo traffic" } })).key;
  const orders = (await ctx.repos.integrations.findBySlug("shop-orders-to-erp"))!;
  return {
    base,
    orders: {
      key: await key("shop-orders-to-erp"),
      secret: (await ctx.repos.secrets.valid(orders.id, "ingest", new Date()))[0]!,
    },
    contacts: { key: await key("crm-contacts-to-marketing") },
    workflow: { key: await key("invoice-approval-workflow") },
  };
}

const store = await createStore();
const ctx = createContext(store, { kind: "system", label: "demo" });
const traffic = new DemoTraffic(await credentials(ctx));
await store.close();
await startDemoSink(DEMO_SINK_PORT, (eventId) => void traffic.workflowRun(eventId).catch(() => {}));
await waitForWeb();
console.log(`signalbox demo: sending traffic (demo destination on 127.0.0.1:${DEMO_SINK_PORT})`);

let tick = 0;
const timer = setInterval(() => {
  tick++;
  const work = tick % 5 === 0 ? traffic.workflowRun() : tick % 2 === 0 ? traffic.contact() : traffic.order();
  work.catch((error: Error) => console.error(`signalbox demo: ${error.message}`));
}, 350);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    clearInterval(timer);
    process.exit(0);
  });
}
