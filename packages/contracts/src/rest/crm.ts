import { z } from 'zod';
import { CallChannelSchema, CallDirectionSchema } from '../calls/call-events.js';
import { AgentStateNameSchema, RecentInteractionSchema } from '../realtime/agent-desk.js';
import { IdSchema } from './common.js';

/**
 * What the agent's desk reads and writes besides the call itself: CRM customers (search,
 * record, edit), tickets (created or updated during wrap-up, or from a customer's record),
 * the people and queues a call can be transferred to, and the agent's own call history.
 * Agents, supervisors and admins may use all of them.
 */

const IsoTimeSchema = z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time, e.g. 2025-01-31T09:00:00Z' });

/** Page size of the desk's lists (customers, tickets, own calls). */
export const DESK_LIST_MAX_LIMIT = 100;
export const DESK_LIST_DEFAULT_LIMIT = 20;
const LimitSchema = z.coerce
  .number({ message: 'a whole number' })
  .int('a whole number')
  .min(1, 'at least 1')
  .max(DESK_LIST_MAX_LIMIT, `at most ${DESK_LIST_MAX_LIMIT}`)
  .default(DESK_LIST_DEFAULT_LIMIT);

// ── customers ─────────────────────────────────────────────────────────────────────────

/**
 * A phone number as people type it: spaces, dashes, dots and brackets are dropped, what is
 * left must be 3 to 20 digits with an optional leading +. Stored and matched in that form.
 */
export const CustomerPhoneSchema = z
  .string()
  .transform((text) => text.replace(/[\s().-]/g, ''))
  .pipe(z.string().regex(/^\+?[0-9]{3,20}$/, 'a phone number: 3 to 20 digits, an optional leading +'));

/** A language tag as the IVR uses them: `en`, `zh`, `en-GB`. */
export const LanguageTagSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language code such as en or zh');

export const CustomerSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  phoneNumber: z.string().nullable(),
  email: z.string().nullable(),
  accountNumber: z.string().nullable(),
  balanceCents: z.number().int(),
  language: z.string(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = z.infer<typeof CustomerSchema>;

/**
 * `GET /api/customers`: `q` finds customers by part of the name, the email, the phone number
 * (any way it is written: `415 555-0102` finds `+14155550102`) or the account number;
 * without `q` every customer. By name, a page at a time (`offset` from the answer's `nextOffset`).
 */
export const CustomerSearchQuerySchema = z.strictObject({
  q: z.string().trim().max(100, 'at most 100 characters').optional(),
  limit: LimitSchema,
  offset: z.coerce.number({ message: 'a whole number' }).int('a whole number').min(0, 'at least 0').max(100_000).default(0),
});
export type CustomerSearchQuery = z.infer<typeof CustomerSearchQuerySchema>;

export const CustomerSearchResultSchema = z.object({
  customers: z.array(CustomerSchema),
  /** How many customers match in all. */
  total: z.number().int().nonnegative(),
  /** The `offset` of the next page; null on the last page. */
  nextOffset: z.number().int().nullable(),
});
export type CustomerSearchResult = z.infer<typeof CustomerSearchResultSchema>;

/** `GET /api/customers/:id`: the record with the latest calls of the customer. */
export const CustomerDetailSchema = z.object({
  customer: CustomerSchema,
  recentInteractions: z.array(RecentInteractionSchema),
});
export type CustomerDetail = z.infer<typeof CustomerDetailSchema>;

/**
 * `PATCH /api/customers/:id`: what an agent may edit. Account number, PIN and balance belong
 * to the account system, not to the desk. An empty email or phone clears it.
 */
export const UpdateCustomerRequestSchema = z
  .strictObject({
    displayName: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
    email: z.union([z.literal('').transform(() => null), z.null(), z.string().trim().toLowerCase().pipe(z.email('an email address, e.g. name@example.com').max(254))]),
    phoneNumber: z.union([z.literal('').transform(() => null), z.null(), CustomerPhoneSchema]),
    notes: z.string().max(4000, 'at most 4000 characters'),
    language: LanguageTagSchema,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type UpdateCustomerRequest = z.infer<typeof UpdateCustomerRequestSchema>;

// ── tickets ───────────────────────────────────────────────────────────────────────────

export const TicketStatusSchema = z.enum(['open', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

export const TicketSchema = z.object({
  id: z.string(),
  customerId: z.string().nullable(),
  callId: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  status: TicketStatusSchema,
  followUpAt: z.string().nullable(),
  createdBy: z.object({ userId: z.string(), displayName: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Ticket = z.infer<typeof TicketSchema>;

const TicketSubjectSchema = z.string().trim().min(1, 'required').max(200, 'at most 200 characters');
const TicketBodySchema = z.string().max(8000, 'at most 8000 characters');

/**
 * `POST /api/tickets`: a new open ticket, about a customer and/or a call (both optional, both
 * must exist). `followUpAt` must not be in the past.
 */
export const CreateTicketRequestSchema = z.strictObject({
  customerId: IdSchema.nullable().default(null),
  callId: IdSchema.nullable().default(null),
  subject: TicketSubjectSchema,
  body: TicketBodySchema.default(''),
  followUpAt: IsoTimeSchema.nullable().default(null),
});
export type CreateTicketRequest = z.infer<typeof CreateTicketRequestSchema>;

/** `PATCH /api/tickets/:id`: edit, close or reopen; a new `followUpAt` must not be in the past. */
export const UpdateTicketRequestSchema = z
  .strictObject({
    subject: TicketSubjectSchema,
    body: TicketBodySchema,
    status: TicketStatusSchema,
    followUpAt: IsoTimeSchema.nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type UpdateTicketRequest = z.infer<typeof UpdateTicketRequestSchema>;

export const TicketListSchema = z.object({ tickets: z.array(TicketSchema) });
export type TicketList = z.infer<typeof TicketListSchema>;

// ── transfer directory ────────────────────────────────────────────────────────────────

/**
 * `GET /api/agents/directory`: where an agent can send a call. Agents with their ACD state
 * right now (`reachable`: a live tab and a registered softphone), and the queues.
 */
export const AgentDirectorySchema = z.object({
  agents: z.array(
    z.object({
      agentId: z.string(),
      displayName: z.string(),
      extension: z.string(),
      state: AgentStateNameSchema,
      reachable: z.boolean(),
    }),
  ),
  queues: z.array(z.object({ queueId: z.string(), name: z.string() })),
});
export type AgentDirectory = z.infer<typeof AgentDirectorySchema>;

// ── the agent's own calls ─────────────────────────────────────────────────────────────

/** `GET /api/me/calls`: the logged-in agent's calls, newest first, a page at a time. */
export const MyCallsQuerySchema = z.strictObject({
  cursor: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor this server issued')
    .optional(),
  limit: LimitSchema,
});
export type MyCallsQuery = z.infer<typeof MyCallsQuerySchema>;

export const MyCallSchema = z.object({
  callId: z.string(),
  startedAt: z.string(),
  direction: CallDirectionSchema,
  channel: CallChannelSchema,
  /** The other end: the caller's number for an inbound call, the dialled one otherwise. */
  number: z.string(),
  customer: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  status: z.enum(['in-progress', 'ended']),
  talkSeconds: z.number().nullable(),
  disposition: z.string().nullable(),
});
export type MyCall = z.infer<typeof MyCallSchema>;

export const MyCallListSchema = z.object({ calls: z.array(MyCallSchema), nextCursor: z.string().nullable() });
export type MyCallList = z.infer<typeof MyCallListSchema>;
