// Instance-wide settings: the audit webhook.

/** The SIEM webhook every new audit entry is forwarded to; the repository seals the URL and the secret at rest. */
export interface AuditWebhook {
  url: string;
  secret: string;
  allowPrivateNetwork: boolean;
  updatedAt: Date;
}

export interface SettingsRepo {
  /** Opened (URL and secret in the clear), read from the store every time: for the sender and the settings page. */
  auditWebhook(): Promise<AuditWebhook | null>;
  /** Whether one is set: cached per process (ConfigCache), so writing an audit entry costs no query for it. */
  auditWebhookConfigured(): Promise<boolean>;
  setAuditWebhook(webhook: AuditWebhook): Promise<void>;
  removeAuditWebhook(): Promise<boolean>;
}
