// Configuration, validated once with zod. Everything the processes read from
// the environment is named here (and in the README's configuration table).
import { z } from "zod";

const ZEnv = z.object({
  DATABASE_URL: z.string().optional(),
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
  SIGNALBOX_WORKER_LEASE_MS: z.coerce.number().int().min(1_000).default(150_000),
  NODE_ENV: z.string().default("development"),
});
export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

/** The validated configuration; throws with every problem listed when it is wrong. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(
      `Signalbox configuration is not valid:\n${lines}\n(npm start / npm run demo set SIGNALBOX_SECRET for you.)`,
    );
  }
  cached = parsed.data;
  return cached;
}
