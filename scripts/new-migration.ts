// Write a new migration for both stores from the change in prisma/models/models.prisma.
//   npm run migration:new -- <name>
// `prisma migrate dev` is broken with driver adapters on 6.19 (STACK.md), so this
// diffs the last migrated models (kept in prisma/models/migrated.prisma.snapshot)
// against the current ones, schema to schema. PostgreSQL must be running.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run migration:new -- <snake_case_name>");
  process.exit(2);
}
const root = process.cwd();
const models = path.join(root, "prisma/models/models.prisma");
const snapshot = path.join(root, "prisma/models/migrated.prisma.snapshot");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

for (const provider of ["sqlite", "postgresql"] as const) {
  const schemaDir = path.join(root, "prisma", provider);
  const migrationsDir = path.join(schemaDir, "migrations");
  fs.mkdirSync(migrationsDir, { recursive: true });
  const lock = path.join(migrationsDir, "migration_lock.toml");
  if (!fs.existsSync(lock)) fs.writeFileSync(lock, `provider = "${provider}"\n`);

  const from = ["--from-empty"];
  if (fs.existsSync(snapshot)) {
    const old = fs.mkdtempSync(path.join(os.tmpdir(), "sbx-old-"));
    fs.copyFileSync(path.join(schemaDir, "schema.prisma"), path.join(old, "schema.prisma"));
    fs.copyFileSync(snapshot, path.join(old, "models.prisma"));
    from.splice(0, 1, "--from-schema-datamodel", old);
  }
  const sql = execFileSync(
    process.execPath,
    ["node_modules/prisma/build/index.js", "migrate", "diff", ...from, "--to-schema-datamodel", schemaDir, "--script"],
    {
      encoding: "utf8",
      env: {
        ...process.env,
        DATABASE_URL: provider === "postgresql" ? "postgresql://postgres@127.0.0.1:5432/postgres" : "",
      },
    },
  );
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.log(`${provider}: no change`);
    continue;
  }
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`${provider}: wrote ${path.relative(root, dir)}/migration.sql`);
}
fs.copyFileSync(models, snapshot);
