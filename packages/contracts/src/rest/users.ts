import { z } from 'zod';
import { NewPasswordSchema, UsernameSchema } from './auth.js';
import { RoleSchema } from './common.js';

export const SkillLevelSchema = z.object({
  skill: z.string().trim().min(1).max(64),
  /** 1 (novice) … 10 (expert); queues ask for a minimum level. */
  level: z.number().int().min(1).max(10),
});
export type SkillLevel = z.infer<typeof SkillLevelSchema>;

/** An agent's skills: each skill named once. */
export const SkillListSchema = z
  .array(SkillLevelSchema)
  .max(50)
  .refine((skills) => new Set(skills.map((s) => s.skill.toLowerCase())).size === skills.length, {
    message: 'each skill may be listed once',
  });

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  active: z.boolean(),
  agentId: z.string().nullable(),
  extension: z.string().nullable(),
  skills: z.array(SkillLevelSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const UserListSchema = z.object({ users: z.array(UserSchema) });
export type UserList = z.infer<typeof UserListSchema>;

const ExtensionSchema = z.string().regex(/^[0-9]{2,8}$/, '2 to 8 digits');

export const CreateUserRequestSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1, 'required').max(128),
  role: RoleSchema,
  password: NewPasswordSchema,
  /** Agents only: their SIP extension; allocated when omitted. */
  extension: ExtensionSchema.optional(),
  /** Agents only. */
  skills: SkillListSchema.optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

export const UpdateUserRequestSchema = z
  .object({
    displayName: z.string().trim().min(1, 'required').max(128),
    role: RoleSchema,
    active: z.boolean(),
    extension: ExtensionSchema,
    skills: SkillListSchema,
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;

/** Admins set anyone's password; a user changing their own must give the current one. */
export const ChangePasswordRequestSchema = z.object({
  currentPassword: z.string().max(256).optional(),
  newPassword: NewPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;
