import { z } from 'zod';
import { IdSchema, RoleSchema } from './common.js';

/**
 * The audit log, read (issue 6): every administrator's write, every supervisor's control of
 * agents and every login is an append-only `audit_entries` row. Supervisors and admins read
 * it newest first, a page at a time.
 */

export const AUDIT_LIST_MAX_LIMIT = 200;
export const AUDIT_LIST_DEFAULT_LIMIT = 50;

const IsoTimeSchema = z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time, e.g. 2025-01-31T09:00:00Z' });

/**
 * An action as the server writes it (`agents/force-state`), or a prefix ending in `/`
 * (`agents/`: every action on agents).
 */
export const AuditActionFilterSchema = z
  .string()
  .trim()
  .max(64, 'at most 64 characters')
  .regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*\/?$/, 'an action such as agents/force-state, or a prefix ending in "/" such as agents/');

/** Opaque to clients: the `nextCursor` of the previous page. */
const AuditCursorSchema = z.string().regex(/^[0-9]{1,19}$/, 'not a cursor this server issued');

/**
 * Query of `GET /api/audit`: newest first (in the order the entries were written), a page at
 * a time; pass `nextCursor` back as `cursor` for the next page, with the same filters.
 * Unknown parameters are refused, so a misspelt filter is not silently ignored.
 */
export const AuditListQuerySchema = z
  .strictObject({
    /** Exactly this action, or every action under a prefix ending in `/`. */
    action: AuditActionFilterSchema.optional(),
    /** Entries written by this user. */
    actorId: IdSchema.optional(),
    /** Entries about this target (a user, agent, queue, … id). */
    targetId: z.string().trim().min(1).max(100).optional(),
    /** Entries written at or after this time. */
    from: IsoTimeSchema.optional(),
    /** Entries written before this time. */
    to: IsoTimeSchema.optional(),
    cursor: AuditCursorSchema.optional(),
    limit: z.coerce
      .number({ message: 'a whole number' })
      .int('a whole number')
      .min(1, 'at least 1')
      .max(AUDIT_LIST_MAX_LIMIT, `at most ${AUDIT_LIST_MAX_LIMIT}`)
      .default(AUDIT_LIST_DEFAULT_LIMIT),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: 'must be after `from`', path: ['to'] });
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  /** Who did it; null for the system or an anonymous caller. */
  actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  /** Namespaced: `auth/login`, `queues/update`, `agents/force-state`, … */
  action: z.string(),
  /** What it was done to; `name` as it is now (null when it is gone or has none). */
  target: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }).nullable(),
  /** What changed, as the action recorded it. */
  data: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditListSchema = z.object({
  entries: z.array(AuditEntrySchema),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
});
export type AuditList = z.infer<typeof AuditListSchema>;

/** `GET /api/audit/actors`: everyone who has written an entry, by name (the log's "who" filter). */
export const AuditActorListSchema = z.object({
  actors: z.array(z.object({ id: z.string(), displayName: z.string(), username: z.string(), role: RoleSchema })),
});
export type AuditActorList = z.infer<typeof AuditActorListSchema>;
