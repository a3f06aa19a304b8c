// Export a contract version as a JSON Schema file (Signalbox's settings ride
// along under "x-signalbox"), and import such a file — or any plain JSON
// Schema — as a new draft.
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { invalidInput, notFound } from "../errors";
import { integrationBySlug } from "../integrations/find";
import { contractTerms, createContractVersion } from "./manage";
import type { TContractView } from "./schemas";

export async function exportContract({
  ctx,
  slug,
  version,
}: {
  ctx: Ctx;
  slug: string;
  version: number;
}): Promise<Record<string, unknown>> {
  authorize(ctx, "contracts.read");
  const integration = await integrationBySlug(ctx, slug);
  const c = await ctx.repos.contracts.findByVersion(integration.id, version);
  if (!c) throw notFound(`Contract version ${version}`);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `signalbox:${slug}:v${c.version}`,
    ...c.schema,
    "x-signalbox": {
      integration: slug,
      version: c.version,
      ...contractTerms(c),
    },
  };
}

/** @throws 400 when the file is not a JSON Schema object */
export async function importContract({
  ctx,
  slug,
  file,
}: {
  ctx: Ctx;
  slug: string;
  file: unknown;
}): Promise<TContractView> {
  authorize(ctx, "contracts.write");
  if (!file || typeof file !== "object" || Array.isArray(file))
    throw invalidInput("Upload a JSON Schema file (a JSON object).");
  const { "x-signalbox": settings, $id: _id, ...schema } = file as Record<string, unknown>;
  const s = (settings && typeof settings === "object" ? settings : {}) as Record<string, unknown>;
  await integrationBySlug(ctx, slug);
  return createContractVersion({
    ctx,
    slug,
    input: {
      schema,
      idempotencyKeyPaths: (s.idempotencyKeyPaths as string[] | undefined) ?? [],
      requireIdempotencyKey: (s.requireIdempotencyKey as boolean | undefined) ?? false,
      entityKeyPath: (s.entityKeyPath as string | null | undefined) ?? null,
      versionPath: (s.versionPath as string | null | undefined) ?? null,
      mapping: (s.mapping as { from: string; to: string }[] | null | undefined) ?? null,
      sourceOfTruth: (s.sourceOfTruth as { field: string; system: string }[] | undefined) ?? [],
      idStrategy: (s.idStrategy as never) ?? null,
      note: `imported${s.integration ? ` from ${String(s.integration)} v${String(s.version)}` : ""}`,
    },
  });
}
