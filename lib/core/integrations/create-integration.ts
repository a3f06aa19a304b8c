import { audit } from "../audit/record";
import { authorize } from "../authorize";
import { assertValidSchema } from "../contracts/compile";
import { newContractVersion } from "../contracts/manage";
import type { Ctx } from "../context";
import { actorId } from "../context";
import { parseInput } from "../parse";
import { generateSecret, generateWebhookSecret, INTEGRATION_KEY_PREFIX } from "../security/tokens";
import { assertNoIssues, mergeTarget } from "./destination";
import { assertTargetsAllowed, resolveSavedTargets } from "./manage";
import { mergeSecretUrls, seesTail } from "./secret-urls";
import { checkOwners } from "./owners";
import {
  DEFAULT_RETRY_POLICY,
  ZCreateIntegration,
  ZRateLimit,
  type TCreatedIntegration,
  type TCreateIntegration,
} from "./schemas";
import { integrationView } from "./view";

/**
 * Create an integration in `draft`, with contract version 1 (draft) when a
 * contract is given, one ingest API key, an ingest and a delivery signing secret.
 * The key and secrets are in the answer once and never again.
 * @throws invalid_input (shape, JSON Schema, owners, headers); conflict `slug_taken`; 422 `private_destination`
 */
export async function createIntegration({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TCreateIntegration;
}): Promise<TCreatedIntegration> {
  authorize(ctx, "integrations.write");
  const data = parseInput(ZCreateIntegration, input);
  if (data.contract) assertValidSchema(data.contract.schema);
  const destination = mergeTarget(data.destination, null, "/destination");
  const replayWebhook = mergeTarget(data.replayWebhook, null, "/replayWebhook");
  const urls = mergeSecretUrls(
    { notificationWebhook: data.notificationWebhook, alertThresholds: data.alertThresholds },
    null,
  );
  assertNoIssues([...destination.issues, ...replayWebhook.issues, ...urls.issues]);
  const targets = {
    destination: destination.target ?? null,
    replayWebhook: replayWebhook.target ?? null,
    notificationWebhook: data.notificationWebhook ?? null,
    alertThresholds: data.alertThresholds ?? null,
  };
  assertTargetsAllowed(targets, await resolveSavedTargets(ctx, targets));
  await checkOwners(ctx, data.owners ?? {});

  const key = generateSecret(INTEGRATION_KEY_PREFIX);
  const ingestSecret = generateWebhookSecret();
  const deliverySecret = generateWebhookSecret();

  return ctx.transaction(async (tx) => {
    const now = tx.now();
    const integration = await tx.repos.integrations.create(
      {
        slug: data.slug,
        name: data.name,
        mode: data.mode,
        sourceSystem: data.sourceSystem,
        targetSystem: data.targetSystem,
        description: data.description ?? "",
        destination: destination.target ?? null,
        replayWebhook: replayWebhook.target ?? null,
        notificationWebhook: data.notificationWebhook ?? null,
        retryPolicy: data.retryPolicy ?? { ...DEFAULT_RETRY_POLICY },
        rateLimit: data.rateLimit ?? ZRateLimit.parse({}),
        slaMinutes: data.slaMinutes ?? 240,
        alertThresholds: data.alertThresholds ?? null,
        runbook: data.runbook ?? "",
        manualFallback: data.manualFallback ?? "",
        owners: {
          logic: data.owners?.logic ?? null,
          dataQuality: data.owners?.dataQuality ?? null,
          incident: data.owners?.incident ?? null,
          triage: data.owners?.triage ?? null,
        },
      },
      now,
    );
    const contract = data.contract
      ? await tx.repos.contracts.create(newContractVersion(integration.id, data.contract, actorId(tx.actor)), now)
      : null;
    const ingestKey = await tx.repos.keys.create({
      integrationId: integration.id,
      name: "default",
      keyHash: key.hash,
      prefix: key.display,
      now,
    });
    await tx.repos.secrets.create({ integrationId: integration.id, purpose: "ingest", secret: ingestSecret, now });
    await tx.repos.secrets.create({ integrationId: integration.id, purpose: "delivery", secret: deliverySecret, now });
    await audit(tx, {
      action: "integration.create",
      objectType: "integration",
      objectId: integration.id,
      after: integrationView(integration, contract),
    });
    return {
      integration: integrationView(integration, contract, { tail: seesTail(tx.actor) }),
      ingestKey: { id: ingestKey.id, key: key.secret },
      ingestSecret,
      deliverySecret,
    };
  });
}
