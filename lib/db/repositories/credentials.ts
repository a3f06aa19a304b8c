// Integration API keys (hashed) and signing secrets (sealed).
import type { SecretBox } from "@/lib/core/security/secret-box";
import type { KeysRepo, SecretsRepo } from "@/lib/core/ports";
import type { DbTx } from "../client";

const KEY = {
  id: true,
  integrationId: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export function keysRepo(db: DbTx): KeysRepo {
  return {
    create: ({ integrationId, name, keyHash, prefix, now }) =>
      db.integrationKey.create({ data: { integrationId, name, keyHash, prefix, createdAt: now }, select: KEY }),
    listForIntegration: (integrationId) =>
      db.integrationKey.findMany({
        where: { integrationId },
        select: KEY,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      }),
    findById: (id) => db.integrationKey.findUnique({ where: { id }, select: KEY }),
    revoke: (id, now) => db.integrationKey.update({ where: { id }, data: { revokedAt: now }, select: KEY }),
  };
}

export function secretsRepo(db: DbTx, box: SecretBox): SecretsRepo {
  const unexpired: SecretsRepo["unexpired"] = async (integrationId, purpose, now) => {
    const rows = await db.signingSecret.findMany({
      where: { integrationId, purpose, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    return rows.map((r) => ({ secret: box.open(r.ciphertext), expiresAt: r.expiresAt }));
  };
  return {
    async create({ integrationId, purpose, secret, now }) {
      await db.signingSecret.create({ data: { integrationId, purpose, ciphertext: box.seal(secret), createdAt: now } });
    },
    unexpired,
    async valid(integrationId, purpose, now) {
      return (await unexpired(integrationId, purpose, now)).map((s) => s.secret);
    },
    async expireCurrent(integrationId, purpose, graceUntil) {
      await db.signingSecret.updateMany({
        where: { integrationId, purpose, expiresAt: null },
        data: { expiresAt: graceUntil },
      });
      await db.signingSecret.updateMany({
        where: { integrationId, purpose, expiresAt: { gt: graceUntil } },
        data: { expiresAt: graceUntil },
      });
    },
  };
}
