import type { ContractVersion, MappingRule } from "@/lib/core/contracts/types";
import type { ContractsRepo } from "@/lib/core/ports";
import type { DbTx, Prisma } from "../client";
import { json } from "./json";

type Row = Prisma.ContractVersionGetPayload<object>;

export function toContract(row: Row): ContractVersion {
  return {
    ...row,
    schema: row.schema as Record<string, unknown>,
    idempotencyKeyPaths: row.idempotencyKeyPaths as string[],
    mapping: (row.mapping as MappingRule[] | null) ?? null,
    sourceOfTruth: row.sourceOfTruth as { field: string; system: string }[],
    idStrategy: (row.idStrategy as ContractVersion["idStrategy"]) ?? null,
  };
}

export function contractsRepo(db: DbTx): ContractsRepo {
  return {
    async create(data, now) {
      const newest = await db.contractVersion.findFirst({
        where: { integrationId: data.integrationId },
        orderBy: { version: "desc" },
        select: { version: true },
      });
      const row = await db.contractVersion.create({
        data: {
          ...data,
          version: (newest?.version ?? 0) + 1,
          schema: json(data.schema)!,
          idempotencyKeyPaths: json(data.idempotencyKeyPaths)!,
          mapping: json(data.mapping),
          sourceOfTruth: json(data.sourceOfTruth)!,
          idStrategy: json(data.idStrategy),
          diff: json(data.diff),
          createdAt: now,
        },
      });
      return toContract(row);
    },
    listForIntegration: async (integrationId) =>
      (await db.contractVersion.findMany({ where: { integrationId }, orderBy: { version: "desc" } })).map(toContract),
    async current(integrationId) {
      const row =
        (await db.contractVersion.findFirst({ where: { integrationId, status: "active" } })) ??
        (await db.contractVersion.findFirst({
          where: { integrationId, status: "draft" },
          orderBy: { version: "desc" },
        }));
      return row ? toContract(row) : null;
    },
    async active(integrationId) {
      const row = await db.contractVersion.findFirst({ where: { integrationId, status: "active" } });
      return row ? toContract(row) : null;
    },
    async findByVersion(integrationId, version) {
      const row = await db.contractVersion.findUnique({ where: { integrationId_version: { integrationId, version } } });
      return row ? toContract(row) : null;
    },
    async approve(id, approval) {
      const draft = await db.contractVersion.findUnique({ where: { id } });
      if (!draft || draft.status !== "draft") return null;
      await db.contractVersion.updateMany({
        where: { integrationId: draft.integrationId, status: "active" },
        data: { status: "superseded" },
      });
      const { count } = await db.contractVersion.updateMany({
        where: { id, status: "draft" },
        data: {
          status: "active",
          approvedById: approval.approvedById,
          approvedAt: approval.at,
          diff: json(approval.diff),
        },
      });
      return count === 1 ? toContract(await db.contractVersion.findUniqueOrThrow({ where: { id } })) : null;
    },
    async markSelfTested(id, at, result) {
      await db.contractVersion.update({ where: { id }, data: { selfTestedAt: at, selfTestResult: json(result) } });
    },
    drift: (contractVersionId) =>
      db.driftCount.findMany({
        where: { contractVersionId },
        orderBy: [{ count: "desc" }, { path: "asc" }],
        select: { kind: true, path: true, count: true, example: true, firstSeenAt: true, lastSeenAt: true },
      }),
    findById: async (id) => {
      const row = await db.contractVersion.findUnique({ where: { id } });
      return row ? toContract(row) : null;
    },
  };
}
