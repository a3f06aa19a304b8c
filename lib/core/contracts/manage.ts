// Contract versions through the API: list and add a draft. Approval, the diff
// and drift views belong to contract governance.
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import { actorId, type Ctx } from "../context";
import { integrationBySlug } from "../integrations/find";
import { parseInput } from "../parse";
import { assertValidSchema } from "./compile";
import { diffContracts } from "./diff";
import { ZContractInput, type TContractInput, type TContractView } from "./schemas";
import type { ContractVersion, NewContractVersion } from "./types";

type ParsedContract = ReturnType<typeof ZContractInput.parse>;

/** The stored form of a parsed contract input. */
export function newContractVersion(
  integrationId: string,
  data: ParsedContract,
  authorId: string | null,
): NewContractVersion {
  return {
    integrationId,
    schema: data.schema,
    idempotencyKeyPaths: data.idempotencyKeyPaths,
    requireIdempotencyKey: data.requireIdempotencyKey,
    entityKeyPath: data.entityKeyPath ?? null,
    versionPath: data.versionPath ?? null,
    mapping: data.mapping ?? null,
    sourceOfTruth: data.sourceOfTruth,
    idStrategy: data.idStrategy ? { ...data.idStrategy } : null,
    diff: null,
    note: data.note ?? "",
    authorId,
  };
}

/** A version's terms beside its schema: keys, mapping, sources of truth, id strategy (the view and the export share them). */
export function contractTerms(c: ContractVersion) {
  return {
    idempotencyKeyPaths: c.idempotencyKeyPaths,
    requireIdempotencyKey: c.requireIdempotencyKey,
    entityKeyPath: c.entityKeyPath,
    versionPath: c.versionPath,
    mapping: c.mapping,
    sourceOfTruth: c.sourceOfTruth,
    idStrategy: c.idStrategy,
  };
}

export function contractView(c: ContractVersion): TContractView {
  return {
    id: c.id,
    version: c.version,
    status: c.status,
    schema: c.schema,
    ...contractTerms(c),
    diff: c.diff ?? null,
    note: c.note,
    authorId: c.authorId,
    approvedById: c.approvedById,
    approvedAt: c.approvedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    selfTestedAt: c.selfTestedAt?.toISOString() ?? null,
  };
}

export async function listContracts({ ctx, slug }: { ctx: Ctx; slug: string }): Promise<TContractView[]> {
  authorize(ctx, "contracts.read");
  const integration = await integrationBySlug(ctx, slug);
  return (await ctx.repos.contracts.listForIntegration(integration.id)).map(contractView);
}

/** Add a new draft version (admin). Until a version is approved, validation uses the newest draft. */
export async function createContractVersion({
  ctx,
  slug,
  input,
}: {
  ctx: Ctx;
  slug: string;
  input: TContractInput;
}): Promise<TContractView> {
  authorize(ctx, "contracts.write");
  const data = parseInput(ZContractInput, input);
  assertValidSchema(data.schema);
  return ctx.transaction(async (tx) => {
    const integration = await integrationBySlug(tx, slug);
    const draft = newContractVersion(integration.id, data, actorId(tx.actor));
    // Shown before approval: what changes against the version in force now.
    draft.diff = diffContracts(await tx.repos.contracts.active(integration.id), draft);
    const created = await tx.repos.contracts.create(draft, tx.now());
    const view = contractView(created);
    await audit(tx, {
      action: "contract.create",
      objectType: "integration",
      objectId: integration.id,
      after: { version: created.version, id: created.id, breaking: (draft.diff as { breaking: boolean }).breaking },
    });
    return view;
  });
}
