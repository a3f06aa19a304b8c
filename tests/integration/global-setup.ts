// Once per run: migrate a template store for the provider under test
// (TEST_DB=sqlite|postgresql). Each test file then gets its own copy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../lib/db/migrate";
import { pgAdmin, pgQuery, withDatabase } from "./helpers/pg-admin";

declare module "vitest" {
  export interface ProvidedContext {
    testDb:
      { provider: "sqlite"; templateFile: string } | { provider: "postgresql"; serverUrl: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const provider = process.env.TEST_DB === "postgresql" ? "postgresql" : "sqlite";
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbx-test-"));
    const templateFile = path.join(dir, "template.db");
    await migrateDatabase({ provider: "sqlite", url: templateFile });
    project.provide("testDb", { provider, templateFile });
    return () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl) throw new Error("TEST_DB=postgresql needs TEST_POSTGRES_URL");
  const template = `sbx_t${process.pid}_tmpl`;
  await pgAdmin(serverUrl, [`DROP DATABASE IF EXISTS ${template}`, `CREATE DATABASE ${template}`]);
  await migrateDatabase({ provider: "postgresql", url: withDatabase(serverUrl, template) });
  project.provide("testDb", { provider, serverUrl, template });
  return async () => {
    const prefix = `sbx_t${process.pid}_`;
    const names = (await pgQuery(serverUrl, `SELECT datname FROM pg_database WHERE datname LIKE '${prefix}%'`)).map(
      (r) => String(r.datname),
    );
    await pgAdmin(
      serverUrl,
      names.map((n) => `DROP DATABASE IF EXISTS ${n} WITH (FORCE)`),
    );
  };
}
