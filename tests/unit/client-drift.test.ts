// The committed client (packages/client/openapi.json, schema.d.ts) is what the generator produces from the endpoint
// declarations now. When this fails: `npm run client:generate` and commit both files.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_DIR, openApiJson, schemaTypes } from "@/scripts/lib/client-files";

const committed = (name: string) => fs.readFileSync(path.join(CLIENT_DIR, name), "utf8");

describe("generated client (packages/client)", () => {
  const json = openApiJson();

  it("openapi.json matches the endpoint declarations (else: npm run client:generate)", () => {
    expect(
      committed("openapi.json") === json,
      "packages/client/openapi.json is stale: run npm run client:generate",
    ).toBe(true);
  });

  it("schema.d.ts is openapi-typescript's output for that document (else: npm run client:generate)", async () => {
    expect(committed("schema.d.ts") === (await schemaTypes(json)), "packages/client/schema.d.ts is stale").toBe(true);
  }, 30_000);
});
