import { conflict } from "@/lib/core/errors";
import type { UserRecord, UsersRepo } from "@/lib/core/ports";
import type { DbTx } from "../client";
import { isUniqueViolation } from "../errors";

const PUBLIC = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  createdAt: true,
  updatedAt: true,
  lastSignInAt: true,
} as const;

export function usersRepo(db: DbTx): UsersRepo {
  return {
    count: () => db.user.count(),
    async create({ email, name, role, passwordHash, oidcSubject, now }) {
      try {
        return await db.user.create({
          data: { email, name, role, passwordHash, oidcSubject, createdAt: now, updatedAt: now },
          select: PUBLIC,
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict("email_taken", `A user with e-mail ${email} already exists.`);
        throw error;
      }
    },
    findById: (id) => db.user.findUnique({ where: { id }, select: PUBLIC }),
    findByEmailWithHash: (email) =>
      db.user.findUnique({ where: { email }, select: { ...PUBLIC, passwordHash: true, oidcSubject: true } }),
    findByOidcSubject: (oidcSubject) => db.user.findUnique({ where: { oidcSubject }, select: PUBLIC }),
    list: () => db.user.findMany({ select: PUBLIC, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    update: (id, patch, now): Promise<UserRecord> =>
      db.user.update({ where: { id }, data: { ...stripUndefined(patch), updatedAt: now }, select: PUBLIC }),
    async markSignedIn(id, now) {
      await db.user.update({ where: { id }, data: { lastSignInAt: now } });
    },
  };
}

export function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
