// npm run client:generate — writes packages/client/openapi.json and schema.d.ts (both committed; a unit test fails
// when they drift from the endpoint declarations).
import fs from "node:fs";
import path from "node:path";
import { CLIENT_DIR, openApiJson, schemaTypes } from "./lib/client-files";

const json = openApiJson();
fs.writeFileSync(path.join(CLIENT_DIR, "openapi.json"), json);
fs.writeFileSync(path.join(CLIENT_DIR, "schema.d.ts"), await schemaTypes(json));
console.log(`signalbox: wrote ${path.relative(process.cwd(), CLIENT_DIR)}/openapi.json and schema.d.ts`);
