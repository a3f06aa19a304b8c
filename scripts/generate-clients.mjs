// postinstall: generate the Prisma client for both stores (the runtime picks one).
import { execFileSync } from "node:child_process";

for (const provider of ["sqlite", "postgresql"]) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate", "--schema", `prisma/${provider}`], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}
console.log("signalbox: generated Prisma clients for sqlite and postgresql");
