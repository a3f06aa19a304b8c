import { audit } from "../audit/record";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { parseInput } from "../parse";
import { hashPassword } from "../security/passwords";
import { ZCreateUser, type TCreateUser, type TUserView } from "./schemas";
import { userView } from "./view";

/**
 * Create a console user. Admin only.
 * @throws DomainError invalid_input (bad email, short password), conflict `email_taken`
 */
export async function createUser({ ctx, input }: { ctx: Ctx; input: TCreateUser }): Promise<TUserView> {
  authorize(ctx, "users.write");
  const data = parseInput(ZCreateUser, input);
  const passwordHash = await hashPassword(data.password);
  return ctx.transaction(async (tx) => {
    const user = await tx.repos.users.create({ ...data, passwordHash, now: tx.now() });
    const view = userView(user);
    await audit(tx, { action: "user.create", objectType: "user", objectId: user.id, after: view });
    return view;
  });
}
