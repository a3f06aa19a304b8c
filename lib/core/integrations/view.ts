import type { ContractVersion } from "../contracts/types";
import { maskTarget } from "./destination";
import { maskThresholds, maskUrl } from "./secret-urls";
import type { TIntegrationView } from "./schemas";
import type { Integration } from "./types";

/**
 * The integration as the API shows it (no secrets, header values and notification URLs masked, dates as ISO
 * strings). `tail`: show the last characters of masked URLs (admins and ops; never managers or the audit trail).
 */
export function integrationView(
  i: Integration,
  contract?: ContractVersion | null,
  { tail = false }: { tail?: boolean } = {},
): TIntegrationView {
  return {
    id: i.id,
    slug: i.slug,
    name: i.name,
    mode: i.mode,
    lifecycle: i.lifecycle,
    sourceSystem: i.sourceSystem,
    targetSystem: i.targetSystem,
    description: i.description,
    destination: maskTarget(i.destination),
    replayWebhook: maskTarget(i.replayWebhook),
    notificationWebhook: maskUrl(i.notificationWebhook, tail),
    retryPolicy: i.retryPolicy,
    rateLimit: i.rateLimit,
    slaMinutes: i.slaMinutes,
    runbook: i.runbook,
    manualFallback: i.manualFallback,
    owners: i.owners,
    alertThresholds: maskThresholds(i.alertThresholds, tail),
    contract: contract ? { id: contract.id, version: contract.version, status: contract.status } : null,
    liveAt: i.liveAt?.toISOString() ?? null,
    pausedAt: i.pausedAt?.toISOString() ?? null,
    archivedAt: i.archivedAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}
export type IntegrationView = TIntegrationView;
