// Instance-wide settings (one `Setting` row per key). The audit webhook's URL and signing secret are sealed with the
// secret box; whether a webhook is set at all is cached per store and process (config-cache: a write bumps the
// generation on commit and NOTIFYs other PostgreSQL processes; entries expire after 5 s otherwise).
import { z } from "zod";
import type { AuditWebhook, SettingsRepo } from "@/lib/core/ports";
import type { SecretBox } from "@/lib/core/security/secret-box";
import type { DbTx } from "../client";
import type { ConfigCache } from "../config-cache";

const AUDIT_WEBHOOK = "audit_webhook";

const ZStoredWebhook = z.object({ url: z.string(), secret: z.string(), allowPrivateNetwork: z.boolean() });

export function settingsRepo(db: DbTx, box: SecretBox, configured: ConfigCache<boolean>): SettingsRepo {
  const auditWebhook = async (): Promise<AuditWebhook | null> => {
    const row = await db.setting.findUnique({ where: { key: AUDIT_WEBHOOK } });
    if (!row) return null;
    const stored = ZStoredWebhook.parse(row.value);
    return {
      url: box.open(stored.url),
      secret: box.open(stored.secret),
      allowPrivateNetwork: stored.allowPrivateNetwork,
      updatedAt: row.updatedAt,
    };
  };
  return {
    auditWebhook,
    auditWebhookConfigured: () =>
      configured.get(AUDIT_WEBHOOK, async () => (await db.setting.count({ where: { key: AUDIT_WEBHOOK } })) > 0),
    async setAuditWebhook({ url, secret, allowPrivateNetwork, updatedAt }) {
      const value = { url: box.seal(url), secret: box.seal(secret), allowPrivateNetwork };
      await db.setting.upsert({
        where: { key: AUDIT_WEBHOOK },
        create: { key: AUDIT_WEBHOOK, value, updatedAt },
        update: { value, updatedAt },
      });
    },
    async removeAuditWebhook() {
      const { count } = await db.setting.deleteMany({ where: { key: AUDIT_WEBHOOK } });
      return count > 0;
    },
  };
}
