// Configuration, validated once with zod. Everything the processes read from
// the environment is named here (and in the README's configuration table).
import { z } from "zod";
import { parseRoleMap } from "./core/auth/oidc-roles";

const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());

const ZEnv = z.object({
  DATABASE_URL: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .regex(/^\s*(postgres(ql)?:\/\/|file:)/i, "must be postgresql://… or file:… (or unset for the embedded store)")
      .optional(),
  ),
  SIGNALBOX_SECRET: z.string().min(16, "SIGNALBOX_SECRET must be at least 16 characters"),
  SIGNALBOX_PUBLIC_URL: z.url().optional(),
  /** next-auth's own name for the public URL; used when SIGNALBOX_PUBLIC_URL is not set */
  NEXTAUTH_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  SIGNALBOX_INGEST_MAX_BYTES: z.coerce.number().int().min(1_024).default(1_048_576),
  /** group commit: most arrivals written in one transaction, and how long the first of them waits for company */
  SIGNALBOX_INGEST_BATCH_MAX: z.coerce.number().int().min(1).max(500).default(128),
  SIGNALBOX_INGEST_BATCH_WAIT_MS: z.coerce.number().min(0).max(100).default(1),
  /** PostgreSQL: batches of arrivals written at once */
  SIGNALBOX_INGEST_WRITERS: z.coerce.number().int().min(1).max(16).default(2),
  SIGNALBOX_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SIGNALBOX_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** SMTP for alert email, e.g. smtp://user:pass@mail.example:587 (smtps:// for TLS) */
  SIGNALBOX_SMTP_URL: z.url().optional(),
  SIGNALBOX_SMTP_FROM: z.string().default("Signalbox <signalbox@localhost>"),
  /** paging endpoints: PagerDuty's Events API v2 URL, Opsgenie's API base (default: the vendors', by region) */
  SIGNALBOX_PAGERDUTY_URL: z.url({ protocol: /^https?$/ }).optional(),
  SIGNALBOX_OPSGENIE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** web and worker processes wait this long for the store's schema to be current before giving up */
  SIGNALBOX_SCHEMA_WAIT_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
  SIGNALBOX_WORKER_LEASE_MS: z.coerce.number().int().min(1_000).default(150_000),
  /** a directory: records are written there (gzipped NDJSON per integration and day) before retention expires them */
  SIGNALBOX_ARCHIVE_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  NODE_ENV: z.string().default("development"),
  /** single sign-on through an OpenID Connect provider (off unless the issuer is set) */
  SIGNALBOX_OIDC_ISSUER: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^https?$/ }).optional()),
  SIGNALBOX_OIDC_CLIENT_ID: optionalText,
  SIGNALBOX_OIDC_CLIENT_SECRET: optionalText,
  SIGNALBOX_OIDC_NAME: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(60).default("Single sign-on")),
  SIGNALBOX_OIDC_ROLE_CLAIM: z.preprocess((v) => (v === "" ? undefined : v), z.string().default("groups")),
  SIGNALBOX_OIDC_ROLE_MAP: optionalText,
  SIGNALBOX_OIDC_PASSWORDS: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["on", "off"], "must be on or off").default("on"),
  ),
});
export type Env = z.infer<typeof ZEnv>;

/** Single sign-on settings that only make sense together (read from the raw values, so they are checked even when
 * another variable is wrong). */
function oidcProblems(source: Record<string, string | undefined>): string[] {
  const set = (name: string) => Boolean(source[name]);
  const problems: string[] = [];
  if (!set("SIGNALBOX_OIDC_ISSUER")) {
    for (const name of ["SIGNALBOX_OIDC_CLIENT_ID", "SIGNALBOX_OIDC_CLIENT_SECRET", "SIGNALBOX_OIDC_ROLE_MAP"])
      if (set(name))
        problems.push(`${name}: is set but SIGNALBOX_OIDC_ISSUER is not (single sign-on needs the issuer)`);
    if (source.SIGNALBOX_OIDC_PASSWORDS === "off")
      problems.push("SIGNALBOX_OIDC_PASSWORDS: off would leave no way to sign in; set SIGNALBOX_OIDC_ISSUER too");
    return problems;
  }
  for (const name of ["SIGNALBOX_OIDC_CLIENT_ID", "SIGNALBOX_OIDC_CLIENT_SECRET"])
    if (!set(name)) problems.push(`${name}: is required when SIGNALBOX_OIDC_ISSUER is set`);
  const map = source.SIGNALBOX_OIDC_ROLE_MAP;
  if (!map)
    problems.push(
      "SIGNALBOX_OIDC_ROLE_MAP: is required when SIGNALBOX_OIDC_ISSUER is set (e.g. sbx-admins=admin,sbx-ops=ops)",
    );
  else {
    const parsed = parseRoleMap(map);
    if (!parsed.ok) problems.push(...parsed.problems.map((p) => `SIGNALBOX_OIDC_ROLE_MAP: ${p}`));
  }
  return problems;
}

let cached: Env | undefined;

/** Validate a configuration: the values, or one plain line per problem (naming the variable, never a secret). */
export function parseEnv(source: Record<string, string | undefined>): { env: Env } | { problems: string[] } {
  const parsed = ZEnv.safeParse(source);
  const problems = [
    ...(parsed.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? []),
    ...oidcProblems(source),
  ];
  return parsed.success && problems.length === 0 ? { env: parsed.data } : { problems };
}

/** The validated configuration; throws with every problem listed when it is wrong. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = parseEnv(process.env);
  if ("problems" in parsed) {
    const lines = parsed.problems.map((p) => `  ${p}`).join("\n");
    throw new Error(
      `Signalbox configuration is not valid:\n${lines}\n(npm start / npm run demo set SIGNALBOX_SECRET for you.)`,
    );
  }
  cached = parsed.env;
  return cached;
}

/** For processes started by hand (npm start, the worker): the configuration, or one line per problem and exit 1. */
export function configOrExit(): Env {
  const parsed = parseEnv(process.env);
  if ("env" in parsed) return parsed.env;
  for (const line of parsed.problems) console.error(`signalbox: ${line}`);
  process.exit(1);
}
