// Prisma CLI configuration: picks the schema folder, migrations and driver
// adapter for the configured store (see STACK.md: JS schema engine, offline).
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { resolveDatabase } from "./lib/db/database-url.ts";

const target = resolveDatabase();
const folder = path.join("prisma", target.provider);

/**
 * The schema engine cannot deserialize PostgreSQL's `name`/`char` columns
 * (prisma/orm#27403): report them as text. Only the CLI needs this.
 */
class CliPgClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last];
      args[last] = (err: Error | null, res: pg.QueryResult) => callback(err, err ? res : textForNames(res));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    return result && typeof result.then === "function" ? result.then(textForNames) : result;
  }
}

function textForNames(res: pg.QueryResult): pg.QueryResult {
  for (const field of res?.fields ?? []) {
    if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
  }
  return res;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: folder,
  migrations: { path: path.join(folder, "migrations") },
  async adapter() {
    if (target.provider === "postgresql") {
      return new PrismaPg({
        connectionString: target.url,
        Client: CliPgClient,
        allowExitOnIdle: true,
        idleTimeoutMillis: 50,
      });
    }
    fs.mkdirSync(path.dirname(target.url), { recursive: true });
    return new PrismaBetterSQLite3({ url: target.url });
  },
});
