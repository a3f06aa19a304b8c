// A fresh, migrated store for one test file: a copy of the SQLite template,
// or a PostgreSQL database cloned from the template database.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { SYSTEM, type Actor, type Ctx } from "@/lib/core/context";
import { createStore, type Store, type StoreOptions } from "@/lib/db/client";
import { createContext } from "@/lib/db/context";
import { pgAdmin, withDatabase } from "./pg-admin";

export const provider = inject("testDb").provider;

export async function freshStore(options: StoreOptions = {}): Promise<Store> {
  const testDb = inject("testDb");
  const suffix = randomBytes(4).toString("hex");
  if (testDb.provider === "sqlite") {
    const file = path.join(path.dirname(testDb.templateFile), `t-${suffix}.db`);
    fs.copyFileSync(testDb.templateFile, file);
    return createStore({ provider: "sqlite", url: file }, options);
  }
  const name = testDb.template.replace(/_tmpl$/, `_${suffix}`);
  await pgAdmin(testDb.serverUrl, [`CREATE DATABASE ${name} TEMPLATE ${testDb.template}`]);
  return createStore(
    { provider: "postgresql", url: withDatabase(testDb.serverUrl, name) },
    { poolSize: 12, ...options },
  );
}

/** A context over the store with a controllable clock. */
export function testContext(store: Store, actor: Actor = SYSTEM, clock?: { now: Date }): Ctx {
  return createContext(store, actor, { now: clock ? () => new Date(clock.now) : undefined });
}
