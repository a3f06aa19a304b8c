import { z } from "zod";
import { ZPointer } from "../json-pointer";
import { list } from "../schemas";

export const ZMappingRule = z.object({
  from: ZPointer,
  to: ZPointer.refine((p) => p !== "", "cannot map onto the root"),
});

export const ZContractInput = z.object({
  schema: z.record(z.string(), z.unknown()),
  idempotencyKeyPaths: z.array(ZPointer).max(10).default([]),
  requireIdempotencyKey: z.boolean().default(false),
  entityKeyPath: ZPointer.nullable().optional(),
  versionPath: ZPointer.nullable().optional(),
  mapping: z.array(ZMappingRule).max(500).nullable().optional(),
  sourceOfTruth: z.array(z.object({ field: ZPointer, system: z.string().min(1) })).default([]),
  idStrategy: z
    .object({
      primaryKeyPath: ZPointer.nullable().optional(),
      externalReferencePaths: z.array(ZPointer).default([]),
      targetIdResponsePath: ZPointer.nullable().optional(),
    })
    .nullable()
    .optional(),
  note: z.string().max(2_000).optional(),
});
export type TContractInput = z.input<typeof ZContractInput>;

// ---- answers ----

export const ZContractView = z.strictObject({
  id: z.string(),
  version: z.number(),
  status: z.enum(["draft", "active", "superseded", "rejected"]),
  schema: z.record(z.string(), z.unknown()),
  idempotencyKeyPaths: z.array(z.string()),
  requireIdempotencyKey: z.boolean(),
  entityKeyPath: z.string().nullable(),
  versionPath: z.string().nullable(),
  mapping: z.array(z.strictObject({ from: z.string(), to: z.string() })).nullable(),
  sourceOfTruth: z.array(z.strictObject({ field: z.string(), system: z.string() })),
  idStrategy: z
    .strictObject({
      primaryKeyPath: z.string().nullable().optional(),
      externalReferencePaths: z.array(z.string()),
      targetIdResponsePath: z.string().nullable().optional(),
    })
    .nullable(),
  /** the change against the version active when this one was added (contracts/diff.ts) */
  diff: z.unknown(),
  note: z.string(),
  authorId: z.string().nullable(),
  approvedById: z.string().nullable(),
  approvedAt: z.string().nullable(),
  createdAt: z.string(),
  selfTestedAt: z.string().nullable(),
});
export type TContractView = z.output<typeof ZContractView>;
export const ZContractList = list(ZContractView);
export type TContractList = z.output<typeof ZContractList>;

export const ZDriftRow = z.strictObject({
  path: z.string(),
  count: z.number(),
  example: z.unknown(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
export const ZDrift = z.strictObject({
  version: z.number(),
  unknownFields: z.array(ZDriftRow),
  validationFailures: z.array(ZDriftRow),
  proposal: ZContractView.nullable(),
});
export type TDrift = z.output<typeof ZDrift>;

/** A version as a JSON Schema file: the schema's own keywords, $schema, $id and Signalbox's settings under x-signalbox. */
export const ZContractExport = z.record(z.string(), z.unknown());
