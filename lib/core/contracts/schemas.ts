import { z } from "zod";
import { ZPointer } from "../json-pointer";

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
