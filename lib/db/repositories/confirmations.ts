import type { ConfirmationsRepo } from "@/lib/core/ports";
import type { DbTx } from "../client";

export function confirmationsRepo(db: DbTx): ConfirmationsRepo {
  return {
    list: (integrationId) =>
      db.readinessConfirmation.findMany({
        where: { integrationId },
        select: { check: true, note: true, confirmedById: true, confirmedAt: true },
        orderBy: { check: "asc" },
      }),
    async confirm({ integrationId, check, note, confirmedById, at }) {
      await db.readinessConfirmation.upsert({
        where: { integrationId_check: { integrationId, check } },
        create: { integrationId, check, note, confirmedById, confirmedAt: at },
        update: { note, confirmedById, confirmedAt: at },
      });
    },
    async withdraw(integrationId, check) {
      const { count } = await db.readinessConfirmation.deleteMany({ where: { integrationId, check } });
      return count === 1;
    },
  };
}
