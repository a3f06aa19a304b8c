// Integration API keys (hashed) and signing secrets (sealed).
import type { SecretBox } from "@/lib/core/security/secret-box";
import type { KeysRepo, SecretsRepo } from "@/lib/core/ports";
import type { DbTx } from "../client";

export function keysRepo(db: DbTx): KeysRepo {
  return {
    create: ({ integrationId, name, keyHash, prefix, now }) =>
      db.integrationKey.create({
        data: { integrationId, name, keyHash, prefix, createdAt: now },
        select: { id: true, prefix: true, name: true, createdAt: true },
      }),
  };
}

export function secretsRepo(db: DbTx, box: SecretBox): SecretsRepo {
  return {
    async create({ integrationId, purpose, secret, now }) {
      await db.signingSecret.create({ data: { integrationId, purpose, ciphertext: box.seal(secret), createdAt: now } });
    },
    async valid(integrationId, purpose, now) {
      const rows = await db.signingSecret.findMany({
        where: { integrationId, purpose, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
      return rows.map((r) => box.open(r.ciphertext));
    },
  };
}
