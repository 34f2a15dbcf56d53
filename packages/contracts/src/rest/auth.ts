import { z } from 'zod';
import { RoleSchema } from './common.js';

export const UsernameSchema = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(64, 'at most 64 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, dot, underscore and dash only');

/** Password policy for new passwords. Login accepts any string so old ones keep working. */
export const NewPasswordSchema = z
  .string()
  .min(8, 'at least 8 characters')
  .max(256, 'at most 256 characters');

export const LoginRequestSchema = z.object({
  username: z.string().min(1, 'required').max(64),
  password: z.string().min(1, 'required').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** Who is logged in, as every app shows it. */
export const SessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  agentId: z.string().nullable(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const TokenPairSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  /** Opaque, single use: every refresh returns a new one and retires the old. */
  refreshToken: z.string(),
  user: SessionUserSchema,
});
export type TokenPair = z.infer<typeof TokenPairSchema>;

export const RefreshRequestSchema = z.object({
  refreshToken: z.string().min(1, 'required').max(512),
});
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

export const LogoutRequestSchema = RefreshRequestSchema;
export type LogoutRequest = z.infer<typeof LogoutRequestSchema>;
