// Approving a contract version activates it. A breaking change needs a second
// pair of eyes: an admin other than its author. Who, when and the diff are kept.
import { audit } from "../audit/record";
import { authorize, requireUser } from "../authorize";
import { actorId, type Ctx } from "../context";
import { DomainError, invalidState, notFound } from "../errors";
import { integrationBySlug } from "../integrations/find";
import { diffContracts } from "./diff";
import { contractView } from "./manage";
import type { TContractView } from "./schemas";

/**
 * @throws 403 `self_approval` when the author approves their own breaking change;
 *   404 unknown version; 409 invalid_state when it is not a draft
 */
export async function approveContract({
  ctx,
  slug,
  version,
}: {
  ctx: Ctx;
  slug: string;
  version: number;
}): Promise<TContractView> {
  authorize(ctx, "contracts.approve");
  const approver = requireUser(ctx);
  return ctx.transaction(async (tx) => {
    const integration = await integrationBySlug(tx, slug);
    const draft = await tx.repos.contracts.findByVersion(integration.id, version);
    if (!draft) throw notFound(`Contract version ${version}`);
    if (draft.status !== "draft") throw invalidState(`Version ${version} is ${draft.status}, not a draft.`);
    const active = await tx.repos.contracts.active(integration.id);
    const diff = diffContracts(active, draft);
    if (diff.breaking && draft.authorId === approver.userId) {
      throw new DomainError(
        "forbidden",
        "self_approval",
        "This version has breaking changes: an admin other than its author must approve it.",
        diff.changes.filter((c) => c.breaking),
      );
    }
    const approved = await tx.repos.contracts.approve(draft.id, {
      approvedById: actorId(tx.actor),
      at: tx.now(),
      diff,
    });
    if (!approved) throw invalidState("This version changed meanwhile; look again.");
    await audit(tx, {
      action: "contract.approve",
      objectType: "integration",
      objectId: integration.id,
      before: active ? { activeVersion: active.version } : null,
      after: { activeVersion: approved.version, breaking: diff.breaking, diff: diff.changes },
    });
    return contractView(approved);
  });
}
