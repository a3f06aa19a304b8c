import fs from "node:fs";
const file = process.argv[2];
const p = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas; let total = 0;
const counts = new Map();
p.samples.forEach((id, i) => { counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)); total += dt[i] ?? 0; });
for (const [id, t] of counts) { const n = byId.get(id); const cf = n.callFrame; const key = `${cf.functionName || "(anon)"} ${cf.url.replace(/.*node_modules\//, "nm/").replace(/.*\/work\/main\//, "")}:${cf.lineNumber}`; self.set(key, (self.get(key) ?? 0) + t); }
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 40));
console.log("total ms", (total / 1000).toFixed(0));
for (const [k, t] of top) console.log(((t / total) * 100).toFixed(1).padStart(5), "%", k);
// inclusive by file
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
for (const [id, t] of counts) { const seen = new Set(); let cur = id; while (cur !== undefined) { const n = byId.get(cur); const f = n.callFrame.url.replace(/.*node_modules\/([^/]+(\/[^/]+)?).*/, "nm:$1").replace(/.*\/work\/main\//, ""); if (!seen.has(f)) { seen.add(f); incl.set(f, (incl.get(f) ?? 0) + t); } cur = parent.get(cur); } }
console.log("--- inclusive by file");
for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(((t / total) * 100).toFixed(1).padStart(5), "%", k);
