import { audit } from "../audit/record";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { conflict, notFound } from "../errors";
import { parseInput } from "../parse";
import { hashPassword } from "../security/passwords";
import { ZUpdateUser, type TUpdateUser, type TUserView } from "./schemas";
import { userView } from "./view";

/**
 * Change a user's role, name, password or disabled flag. Admin only.
 * Disabling a user ends their sessions and revokes their tokens at once (enabling them again revives neither);
 * a password change ends their sessions, and their tokens too when `endTokens` is set.
 * @throws not_found; conflict `last_admin` when the change would leave no enabled admin
 */
export async function updateUser({ ctx, id, input }: { ctx: Ctx; id: string; input: TUpdateUser }): Promise<TUserView> {
  authorize(ctx, "users.write");
  const patch = parseInput(ZUpdateUser, input);
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return ctx.transaction(async (tx) => {
    const before = await tx.repos.users.findById(id);
    if (!before) throw notFound("User");
    const losesAdmin =
      before.role === "admin" &&
      !before.disabled &&
      (patch.disabled === true || (patch.role && patch.role !== "admin"));
    if (losesAdmin) {
      const admins = (await tx.repos.users.list()).filter((u) => u.role === "admin" && !u.disabled);
      if (admins.length <= 1)
        throw conflict("last_admin", "This is the last enabled admin; make someone else admin first.");
    }
    const after = await tx.repos.users.update(
      id,
      { role: patch.role, disabled: patch.disabled, name: patch.name, passwordHash },
      tx.now(),
    );
    if (patch.disabled === true || passwordHash) await tx.repos.sessions.revokeAllForUser(id, tx.now());
    const tokensEnded =
      patch.disabled === true || (passwordHash && patch.endTokens)
        ? await tx.repos.tokens.revokeAllForUser(id, tx.now())
        : 0;
    const changed = { ...userView(after), passwordChanged: Boolean(passwordHash), tokensEnded };
    await audit(tx, {
      action: "user.update",
      objectType: "user",
      objectId: id,
      before: userView(before),
      after: changed,
    });
    return userView(after);
  });
}
