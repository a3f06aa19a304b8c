import type { TokensRepo } from "@/lib/core/ports";
import type { DbTx } from "../client";

const TOKEN = {
  id: true,
  userId: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  expiresAt: true,
} as const;
const USER = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  createdAt: true,
  updatedAt: true,
  lastSignInAt: true,
} as const;

export function tokensRepo(db: DbTx): TokensRepo {
  return {
    create: ({ userId, name, tokenHash, prefix, now, expiresAt }) =>
      db.personalAccessToken.create({
        data: { userId, name, tokenHash, prefix, createdAt: now, expiresAt },
        select: TOKEN,
      }),
    async listAll(limit) {
      const rows = await db.personalAccessToken.findMany({
        select: { ...TOKEN, user: { select: { id: true, name: true, email: true } } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: limit,
      });
      return rows.map(({ user, ...t }) => ({ ...t, owner: user }));
    },
    async revokeAllForUser(userId, now) {
      return (await db.personalAccessToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }))
        .count;
    },
    listForUser: (userId) =>
      db.personalAccessToken.findMany({
        where: { userId },
        select: TOKEN,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      }),
    findById: (id) => db.personalAccessToken.findUnique({ where: { id }, select: TOKEN }),
    async findActiveByHash(tokenHash, now) {
      const row = await db.personalAccessToken.findUnique({
        where: { tokenHash },
        select: { ...TOKEN, user: { select: USER } },
      });
      if (!row || row.revokedAt || row.user.disabled || (row.expiresAt && row.expiresAt <= now)) return null;
      const { user, ...token } = row;
      return { token, user };
    },
    revoke: (id, now) => db.personalAccessToken.update({ where: { id }, data: { revokedAt: now }, select: TOKEN }),
    async touch(id, now) {
      await db.personalAccessToken.update({ where: { id }, data: { lastUsedAt: now } });
    },
  };
}
