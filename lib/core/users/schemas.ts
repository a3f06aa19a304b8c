import { z } from "zod";
import { ROLES } from "../permissions";
import { list } from "../schemas";

export const MIN_PASSWORD_LENGTH = 12;

export const ZRole = z.enum(ROLES);
const ZEmail = z.string().trim().toLowerCase().pipe(z.email("must be an e-mail address"));
const ZPassword = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(200);

export const ZCreateUser = z.object({
  email: ZEmail,
  name: z.string().trim().min(1).max(120),
  role: ZRole,
  password: ZPassword,
});
export type TCreateUser = z.input<typeof ZCreateUser>;

export const ZUpdateUser = z
  .object({
    role: ZRole,
    disabled: z.boolean(),
    name: z.string().trim().min(1).max(120),
    password: ZPassword,
    endTokens: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "send at least one of role, disabled, name, password");
export type TUpdateUser = z.input<typeof ZUpdateUser>;

export const ZUserView = z.strictObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  disabled: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type TUserView = z.output<typeof ZUserView>;
export const ZUserList = list(ZUserView);
export type TUserList = z.output<typeof ZUserList>;
