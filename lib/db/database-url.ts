// Which store to use, decided once from DATABASE_URL. Dependency-free so the
// Prisma CLI config, the launchers and the runtime all agree.
import path from "node:path";

export type Provider = "sqlite" | "postgresql";

export interface DatabaseTarget {
  provider: Provider;
  /** postgresql:// URL, or an absolute SQLite file path */
  url: string;
}

export function resolveDatabase(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): DatabaseTarget {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) {
    const dir = env.SIGNALBOX_DATA_DIR ? path.resolve(cwd, env.SIGNALBOX_DATA_DIR) : path.join(cwd, "data");
    return { provider: "sqlite", url: path.join(dir, "signalbox.db") };
  }
  if (/^postgres(ql)?:\/\//i.test(raw)) return { provider: "postgresql", url: raw };
  if (raw.startsWith("file:")) return { provider: "sqlite", url: path.resolve(cwd, raw.slice("file:".length)) };
  throw new Error(
    `DATABASE_URL must be postgresql://… or file:… (or unset for the embedded store); got "${raw.slice(0, 40)}"`,
  );
}
