import { randomUUID } from "node:crypto";
import { closedLoop } from "../scripts/bench/load";
const key = process.argv[2]!;
const r = await closedLoop((i) => ({ url: "http://127.0.0.1:3300/api/ingest/bench-orders", body: JSON.stringify({ id: `${i}-${randomUUID()}`, total: i % 1000 }), headers: { authorization: `Bearer ${key}` } }), 32, Number(process.argv[3] ?? 8), (s) => s === 202);
console.log(Math.round(r.perSecond), "req/s p50", r.p50.toFixed(1), "errors", r.errors, JSON.stringify(r.statuses));
