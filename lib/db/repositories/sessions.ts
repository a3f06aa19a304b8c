import type { SessionsRepo } from "@/lib/core/ports";
import type { DbTx } from "../client";

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

export function sessionsRepo(db: DbTx): SessionsRepo {
  return {
    create: (data) => db.session.create({ data }),
    async findActive(id, now) {
      const row = await db.session.findUnique({ where: { id }, include: { user: { select: USER } } });
      if (!row || row.revokedAt || row.expiresAt <= now || row.user.disabled) return null;
      const { user, ...session } = row;
      return { session, user };
    },
    async revoke(id, now) {
      await db.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    },
    async revokeAllForUser(userId, now) {
      const { count } = await db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
      return count;
    },
  };
}
