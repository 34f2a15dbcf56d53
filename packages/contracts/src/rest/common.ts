import { z } from 'zod';

export const RoleSchema = z.enum(['admin', 'supervisor', 'agent']);
export type Role = z.infer<typeof RoleSchema>;
export const ROLES = RoleSchema.options;

export const IdSchema = z.string().uuid();

export const IdParamSchema = z.object({ id: IdSchema });
