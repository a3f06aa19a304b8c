import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };
/** Tests that drive the built web process (the command line, SIGTERM under load): a part of their own. */
const PROCESS_TESTS = [
  "tests/integration/cli.test.ts",
  "tests/integration/web-process.test.ts",
  "tests/integration/reconnect.pg.test.ts",
];
/** Behaviour only PostgreSQL has (its plan cache, …): `*.pg.test.ts`, run in the PostgreSQL part only. */
const PG_ONLY = process.env.TEST_DB === "sqlite" ? ["tests/integration/**/*.pg.test.ts"] : [];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup-env.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          exclude: [...PROCESS_TESTS, ...PG_ONLY],
          environment: "node",
          setupFiles: ["tests/setup-env.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The command line and the web process under SIGTERM, against real processes: a part of their own, so the processes it starts
        // never share the two cores with the timing-sensitive integration files.
        resolve: { alias },
        test: {
          name: "cli",
          include: PROCESS_TESTS,
          exclude: PG_ONLY,
          environment: "node",
          setupFiles: ["tests/setup-env.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
