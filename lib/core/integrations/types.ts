import type { z } from "zod";
import type { ZRateLimit, ZRetryPolicy, ZWebhookTarget } from "./schemas";

export type WebhookTarget = z.output<typeof ZWebhookTarget>;
export type RetryPolicy = z.output<typeof ZRetryPolicy>;
export type RateLimit = z.output<typeof ZRateLimit>;
export type Lifecycle = "draft" | "live" | "paused";
export type IntegrationMode = "relay" | "tracked";

export interface Owners {
  logic: string | null;
  dataQuality: string | null;
  incident: string | null;
  triage: string | null;
}

export interface Integration {
  id: string;
  slug: string;
  name: string;
  mode: IntegrationMode;
  lifecycle: Lifecycle;
  sourceSystem: string;
  targetSystem: string;
  description: string;
  destination: WebhookTarget | null;
  replayWebhook: WebhookTarget | null;
  notificationWebhook: string | null;
  retryPolicy: RetryPolicy;
  rateLimit: RateLimit;
  slaMinutes: number;
  alertThresholds: unknown;
  runbook: string;
  manualFallback: string;
  owners: Owners;
  liveAt: Date | null;
  pausedAt: Date | null;
  /** archived: ingest refused (410), hidden from pickers and rankings; its data is kept */
  archivedAt: Date | null;
  /** the last erasure of a subject's records here: ingest then also looks arriving keys up in their hashed form */
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewIntegration = Omit<
  Integration,
  "id" | "lifecycle" | "liveAt" | "pausedAt" | "archivedAt" | "erasedAt" | "createdAt" | "updatedAt"
>;
export type IntegrationPatch = Partial<Omit<Integration, "id" | "slug" | "mode" | "createdAt" | "updatedAt">>;
