#!/usr/bin/env node
// `npx signalbox …` in the repository: runs the TypeScript CLI (packages/cli/main.ts) through tsx, in this process.
import { register } from "tsx/esm/api";

register();
await import("../main.ts");
