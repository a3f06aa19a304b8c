// Drift on a contract version: fields senders send that the contract does not
// know, and where records fail validation — and a proposed next version that
// adds the unknown fields as optional properties (the editor starts from it).
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { integrationBySlug } from "../integrations/find";
import { getAt, ownGet, ownSet, parsePointer } from "../json-pointer";
import { contractView } from "./manage";
import type { ContractVersion } from "./types";
import type { TDrift } from "./schemas";

export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  return typeof value === "number"
    ? "number"
    : typeof value === "string"
      ? "string"
      : typeof value === "boolean"
        ? "boolean"
        : "object";
}

/** The schema with each unknown path added as an optional property typed from its example. Pure. */
export function proposeFromDrift(
  schema: Record<string, unknown>,
  unknown: { path: string; example: unknown }[],
): Record<string, unknown> {
  const next = structuredClone(schema);
  for (const { path, example } of unknown) {
    const tokens = parsePointer(path);
    let node = next;
    let concrete = "";
    for (const [i, token] of tokens.entries()) {
      const last = i === tokens.length - 1;
      if (token === "*") {
        node.type ??= "array";
        node.items = (node.items as Record<string, unknown> | undefined) ?? { type: "object" };
        node = node.items as Record<string, unknown>;
        concrete += "/0";
        continue;
      }
      concrete += `/${token.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      node.type ??= "object";
      const props = ((node.properties as Record<string, unknown> | undefined) ?? (node.properties = {})) as Record<
        string,
        Record<string, unknown>
      >;
      // The example is the value itself (older rows kept the whole record: then look the value up in it).
      const value = getAt(example, concrete);
      // Own properties only: a sender's "__proto__" or "constructor" field is data, never a way into a prototype.
      const existing = ownGet(props, token) as Record<string, unknown> | undefined;
      if (last) {
        if (!existing)
          ownSet(props, token, {
            type: jsonType(value !== undefined ? value : example),
            description: "added from drift",
          });
      } else {
        node = existing ?? { type: "object", properties: {} };
        if (!existing) ownSet(props, token, node);
      }
    }
  }
  return next;
}

export async function contractDrift({
  ctx,
  slug,
  version,
}: {
  ctx: Ctx;
  slug: string;
  version: number;
}): Promise<TDrift> {
  authorize(ctx, "contracts.read");
  const integration = await integrationBySlug(ctx, slug);
  const contract: ContractVersion | null = await ctx.repos.contracts.findByVersion(integration.id, version);
  if (!contract) throw notFound(`Contract version ${version}`);
  const rows = await ctx.repos.contracts.drift(contract.id);
  const view = (r: (typeof rows)[number]) => ({
    path: r.path,
    count: r.count,
    example: r.example ?? null,
    firstSeenAt: r.firstSeenAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
  });
  const unknownFields = rows.filter((r) => r.kind === "unknown_field");
  return {
    version: contract.version,
    unknownFields: unknownFields.map(view),
    validationFailures: rows.filter((r) => r.kind === "validation_failure").map(view),
    proposal: unknownFields.length
      ? {
          ...contractView(contract),
          schema: proposeFromDrift(contract.schema, unknownFields),
          note: `adds ${unknownFields.length} field(s) seen in drift`,
        }
      : null,
  };
}
