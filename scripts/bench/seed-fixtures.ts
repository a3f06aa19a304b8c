// The fixtures of the seeded history: the integrations (through the real domain operations, so their contracts,
// keys and owners are what the console expects), the users who triage and read, and a deterministic random source.
import { SYSTEM } from "../../lib/core/context";
import { createIntegration } from "../../lib/core/integrations/create-integration";
import { createSecretBox } from "../../lib/core/security/secret-box";
import { createUser } from "../../lib/core/users/create-user";
import { createStore } from "../../lib/db/client";
import { createContext } from "../../lib/db/context";

/** The seeded integrations: each one's share of the events and its failure rate relative to the base rate. */
export const INTEGRATIONS = [
  { slug: "bench-kpi-orders", name: "Orders → ERP", share: 0.35, failure: 0.6 },
  { slug: "bench-kpi-invoices", name: "Invoices → Ledger", share: 0.25, failure: 1 },
  { slug: "bench-kpi-shipments", name: "Shipments → Carrier", share: 0.2, failure: 1.5 },
  { slug: "bench-kpi-customers", name: "Customers → CRM", share: 0.12, failure: 1 },
  { slug: "bench-kpi-payments", name: "Payments → Bank", share: 0.08, failure: 1.5 },
];

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return {
    next,
    /** log-normal around a median, in whole milliseconds (≥ 1) */
    lognormal: (median: number, sigma: number) => Math.max(1, Math.round(median * Math.exp(sigma * normal()))),
    exponential: (mean: number) => Math.round(-mean * Math.log(1 - next())),
    /** 8 × words hex digits */
    hex: (words: number) => {
      let s = "";
      for (let i = 0; i < words; i++)
        s += Math.floor(next() * 4_294_967_296)
          .toString(16)
          .padStart(8, "0");
      return s;
    },
  };
}

/** The integrations and users the history belongs to (created once; found again on a second seed). */
export async function fixtures(url: string, now: Date) {
  const store = await createStore({ provider: "postgresql", url }, { poolSize: 4 });
  const ctx = createContext(store, SYSTEM, {
    now: () => now,
    secretBox: createSecretBox(process.env.SIGNALBOX_SECRET ?? "bench-secret-0123456789abcdef"),
  });
  try {
    const user = async (email: string, name: string, role: "ops" | "manager") =>
      (await ctx.repos.users.findByEmailWithHash(email))?.id ??
      (await createUser({ ctx, input: { email, name, role, password: "bench-password-1234" } })).id;
    const opsUserId = await user("ops@bench.kpi", "Bench Ops", "ops");
    const managerUserId = await user("manager@bench.kpi", "Bench Manager", "manager");
    const integrations = [];
    for (const spec of INTEGRATIONS) {
      const existing = await ctx.repos.integrations.findBySlug(spec.slug);
      const id =
        existing?.id ??
        (
          await createIntegration({
            ctx,
            input: {
              slug: spec.slug,
              name: spec.name,
              mode: "relay",
              sourceSystem: spec.name.split(" → ")[0]!,
              targetSystem: spec.name.split(" → ")[1]!,
              destination: { url: `https://${spec.slug}.example/records` },
              owners: { triage: opsUserId },
              contract: {
                schema: {
                  type: "object",
                  required: ["id"],
                  properties: { id: { type: "string" }, total: { type: "number" } },
                },
                idempotencyKeyPaths: ["/id"],
              },
            },
          })
        ).integration.id;
      integrations.push({ ...spec, id, contractId: (await ctx.repos.contracts.current(id))?.id ?? null });
    }
    return { opsUserId, managerUserId, integrations };
  } finally {
    await store.close();
  }
}
