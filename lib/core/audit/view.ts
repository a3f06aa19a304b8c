// One audit entry as every reader gets it (the list, the NDJSON export, the audit webhook), and the list's filters
// turned into the repository's.
import type { AuditFilter, AuditRecord } from "../ports";
import type { TAuditView } from "./schemas";

export function auditView(e: AuditRecord): TAuditView {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actor: e.actorLabel,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    reason: e.reason,
    before: e.before ?? null,
    after: e.after ?? null,
  };
}

/** `object` is `type:id` (the id may itself hold colons). */
export function auditFilter(q: { actor?: string; object?: string; from?: string; to?: string }): AuditFilter {
  const [objectType, ...rest] = q.object ? q.object.split(":") : [];
  return {
    actorId: q.actor,
    objectType,
    objectId: rest.length ? rest.join(":") : undefined,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}
