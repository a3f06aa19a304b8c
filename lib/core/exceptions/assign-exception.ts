import { audit } from "../audit/record";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { invalidInput, invalidState } from "../errors";
import { parseInput } from "../parse";
import { loadOpen } from "./common";
import { ZAssign } from "./schemas";

/**
 * Give an open exception to an ops or admin user (or to nobody). "Take" is
 * assigning it to yourself.
 * @throws 400 when the assignee is not an enabled ops/admin user; 409 when not open
 */
export async function assignException({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: { assignee: string | null };
}): Promise<{ id: string; assignee: string | null }> {
  authorize(ctx, "exceptions.act");
  const { assignee } = parseInput(ZAssign, input);
  return ctx.transaction(async (tx) => {
    const { exception } = await loadOpen(tx, id);
    if (assignee) {
      const user = await tx.repos.users.findById(assignee);
      if (!user || user.disabled || user.role === "manager") {
        throw invalidInput("Exceptions can be given only to an enabled ops or admin user.", [
          { path: "/assignee", message: "not an enabled ops or admin user" },
        ]);
      }
    }
    const after = await tx.repos.exceptions.assign(exception.id, assignee);
    if (!after) throw invalidState("This exception was closed meanwhile.");
    await audit(tx, {
      action: "exception.assign",
      objectType: "exception",
      objectId: exception.id,
      before: { assignee: exception.assigneeId },
      after: { assignee },
    });
    return { id: exception.id, assignee };
  });
}
