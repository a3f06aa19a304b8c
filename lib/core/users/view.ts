import type { UserRecord } from "../ports";
import type { TUserView } from "./schemas";

export function userView(user: UserRecord): TUserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
  };
}
