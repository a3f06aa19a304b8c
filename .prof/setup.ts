import { SYSTEM } from "../lib/core/context";
import { createIntegration } from "../lib/core/integrations/create-integration";
import { createStore } from "../lib/db/client";
import { createContext } from "../lib/db/context";
import { migrateDatabase } from "../lib/db/migrate";
import { freshDatabase } from "../scripts/bench/setup";
const url = await freshDatabase("postgresql://postgres@127.0.0.1:5432/postgres", "sbx_prof");
await migrateDatabase({ provider: "postgresql", url }, process.cwd());
const store = await createStore({ provider: "postgresql", url });
const ctx = createContext(store, SYSTEM);
const created = await createIntegration({ ctx, input: {
    slug: "bench-orders", name: "Bench orders", mode: "relay", sourceSystem: "Bench", targetSystem: "Sink",
    destination: { url: `http://127.0.0.1:9/signalbox`, allowPrivateNetwork: true },
    rateLimit: { perSecond: 100_000, burst: 1_000_000 },
    contract: { schema: { type: "object", required: ["id"], properties: { id: { type: "string" }, total: { type: "number" }, sentAt: { type: "number" } } }, idempotencyKeyPaths: ["/id"] },
}});
console.log(created.ingestKey.key);
await store.close();
