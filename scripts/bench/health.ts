// (g) Liveness under abuse (issue 11): /api/health keeps answering within 100 ms while an ops user uploads
// reconciliation CSVs (a 6 MiB single line, refused; a 6 MiB file of ids, read) and records with 100 unknown fields
// each (drift) arrive back to back from 2 clients — all against one web process, as `npm start` runs it.
import { randomUUID } from "node:crypto";
import type { Ctx } from "../../lib/core/context";
import { userActor } from "../../lib/core/auth/sign-in";
import { createToken } from "../../lib/core/tokens/tokens";
import { createUser } from "../../lib/core/users/create-user";
import { percentile } from "./load";

/** Clients sending drift-heavy records back to back: the abusive sender of the issue, not a flood (rate limits meet floods). */
const DRIFT_CLIENTS = Number(process.env.BENCH_DRIFT_CLIENTS ?? 2);

export async function healthUnderAbuse(args: {
  ctx: Ctx;
  base: string;
  ingestKey: string;
  seconds: number;
}): Promise<string[]> {
  const { ctx, base } = args;
  const view = await createUser({
    ctx,
    input: {
      email: `bench-ops-${randomUUID().slice(0, 6)}@bench.local`,
      name: "Bench ops",
      role: "ops",
      password: "a long enough password",
    },
  });
  const user = (await ctx.repos.users.findById(view.id))!;
  const token = (await createToken({ ctx: { ...ctx, actor: userActor(user, "token") }, input: { name: "bench" } }))
    .token;
  const auth = { authorization: `Bearer ${token}` };
  const now = Date.now();
  const rec = (await (
    await fetch(`${base}/api/v1/integrations/bench-orders/reconciliations`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ from: new Date(now - 86_400_000).toISOString(), to: new Date(now).toISOString() }),
    })
  ).json()) as { id: string };
  const oneLine = "x".repeat(6 * 1_048_576);
  const manyIds = Array.from({ length: 400_000 }, (_, i) => `order-${i}-abc`).join("\n");
  const wide = () =>
    JSON.stringify({
      id: randomUUID(),
      total: 1,
      ...Object.fromEntries(
        Array.from({ length: 100 }, (_, i) => [`extra_${i}_${randomUUID().slice(0, 4)}`, "v".repeat(40)]),
      ),
    });

  const until = Date.now() + args.seconds * 1000;
  const health: number[] = [];
  const uploads: string[] = [];
  let drift = 0;
  const poll = (async () => {
    while (Date.now() < until) {
      const t0 = performance.now();
      await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
      health.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const parts = (process.env.BENCH_HEALTH_PARTS ?? "upload,drift").split(",");
  const upload = (async () => {
    while (parts.includes("upload") && Date.now() < until) {
      for (const body of [oneLine, manyIds]) {
        const t0 = performance.now();
        const res = await fetch(`${base}/api/v1/reconciliations/${rec.id}/upload?side=source`, {
          method: "POST",
          headers: { ...auth, "content-type": "text/csv" },
          body,
        });
        await res.arrayBuffer();
        uploads.push(`${res.status} in ${(performance.now() - t0).toFixed(0)} ms`);
      }
    }
  })();
  const ingest = Array.from({ length: DRIFT_CLIENTS }, async () => {
    while (parts.includes("drift") && Date.now() < until) {
      const res = await fetch(`${base}/api/ingest/bench-orders`, {
        method: "POST",
        headers: { authorization: `Bearer ${args.ingestKey}`, "content-type": "application/json" },
        body: wide(),
      });
      await res.arrayBuffer();
      drift++;
    }
  });
  await Promise.all([poll, upload, ...ingest]);
  health.sort((a, b) => a - b);
  const max = health[health.length - 1] ?? Number.NaN;
  return [
    `health under abuse: ${health.length} probes over ${args.seconds}s — p50 ${percentile(health, 50).toFixed(1)} ms, p99 ${percentile(health, 99).toFixed(1)} ms, max ${max.toFixed(1)} ms (target < 100 ms: ${max < 100 ? "met" : "NOT met"})`,
    `  meanwhile: uploads ${uploads.slice(0, 4).join(", ")}${uploads.length > 4 ? ` … (${uploads.length})` : ""}; ${drift} records with 100 unknown fields`,
  ];
}
