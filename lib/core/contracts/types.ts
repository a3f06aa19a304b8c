export type ContractStatus = "draft" | "active" | "superseded" | "rejected";

export interface MappingRule {
  from: string;
  to: string;
}

export interface ContractVersion {
  id: string;
  integrationId: string;
  version: number;
  status: ContractStatus;
  schema: Record<string, unknown>;
  idempotencyKeyPaths: string[];
  requireIdempotencyKey: boolean;
  entityKeyPath: string | null;
  versionPath: string | null;
  mapping: MappingRule[] | null;
  sourceOfTruth: { field: string; system: string }[];
  idStrategy: {
    primaryKeyPath?: string | null;
    externalReferencePaths: string[];
    targetIdResponsePath?: string | null;
  } | null;
  diff: unknown;
  note: string;
  authorId: string | null;
  approvedById: string | null;
  approvedAt: Date | null;
  createdAt: Date;
  selfTestedAt?: Date | null;
  selfTestResult?: unknown;
}

export type NewContractVersion = Omit<
  ContractVersion,
  "id" | "version" | "status" | "approvedById" | "approvedAt" | "createdAt" | "selfTestedAt" | "selfTestResult"
>;
