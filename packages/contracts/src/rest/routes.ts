import type { z } from 'zod';
import { ApiErrorSchema } from '../errors.js';
import {
  LoginRequestSchema,
  LogoutRequestSchema,
  RefreshRequestSchema,
  SessionUserSchema,
  TokenPairSchema,
} from './auth.js';
import {
  CallCsvSchema,
  CallExportQuerySchema,
  CallListQuerySchema,
  CallListSchema,
  CallRecordingAudioSchema,
  CallRecordingParamsSchema,
  CallTimelineSchema,
} from './calls.js';
import { IdParamSchema, type Role } from './common.js';
import { HealthSchema } from './health.js';
import { RegistrationListSchema, SipCredentialsSchema } from './sip.js';
import {
  ChangePasswordRequestSchema,
  CreateUserRequestSchema,
  UpdateUserRequestSchema,
  UserListSchema,
  UserSchema,
} from './users.js';
import { AddCallerListEntryRequestSchema, CallerListEntrySchema, CallerListQuerySchema, CallerListSchema } from './caller-lists.js';
import { CodedEntrySchema, CreateCodedEntryRequestSchema, DispositionListSchema, NotReadyReasonListSchema, UpdateCodedEntryRequestSchema } from './codes-admin.js';
import {
  BusinessHoursCalendarListSchema,
  BusinessHoursCalendarSchema,
  CreateBusinessHoursCalendarRequestSchema,
  CreateIvrFlowRequestSchema,
  FlowVersionParamSchema,
  IvrFlowDetailSchema,
  IvrFlowListSchema,
  IvrFlowVersionSchema,
  SaveIvrFlowVersionRequestSchema,
  UpdateBusinessHoursCalendarRequestSchema,
  UpdateIvrFlowRequestSchema,
} from './ivr-admin.js';
import {
  CreateQueueRequestSchema,
  QueueListSchema,
  QueueSchema,
  SkillCatalogSchema,
  SkillRequestSchema,
  SkillSchema,
  UpdateQueueRequestSchema,
} from './routing-admin.js';

/**
 * Every REST route, described once: the server's controllers use these schemas to parse
 * input, the OpenAPI document at /api/docs is built from this table, and a test checks
 * that the server registers exactly these routes with exactly these roles.
 */
export interface RouteContract {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Express-style path (`:id`). */
  path: string;
  summary: string;
  /** Who may call it; `public` needs no token, `self` any logged-in user. */
  access: 'public' | 'self' | readonly Role[];
  params?: z.ZodType;
  /** Query string parameters (parsed from strings: numbers are coerced). */
  query?: z.ZodType;
  body?: z.ZodType;
  /** Status and schema of the success answer; `null` for an empty 204. */
  success: { status: number; schema: z.ZodType | null; contentType?: string };
  /** Failure statuses this route may answer with (all carry ApiError). */
  errors: readonly number[];
}

export const apiRoutes = {
  health: {
    method: 'get',
    path: '/api/health',
    summary: 'Readiness: 200 once the server has migrated its database and is serving.',
    access: 'public',
    success: { status: 200, schema: HealthSchema },
    errors: [],
  },
  login: {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Exchange username and password for an access token and a refresh token.',
    access: 'public',
    body: LoginRequestSchema,
    success: { status: 200, schema: TokenPairSchema },
    errors: [400, 401, 429],
  },
  refresh: {
    method: 'post',
    path: '/api/auth/refresh',
    summary: 'Trade a refresh token (single use) for a new token pair.',
    access: 'public',
    body: RefreshRequestSchema,
    success: { status: 200, schema: TokenPairSchema },
    errors: [400, 401],
  },
  logout: {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Revoke a refresh token.',
    access: 'public',
    body: LogoutRequestSchema,
    success: { status: 204, schema: null },
    errors: [400],
  },
  me: {
    method: 'get',
    path: '/api/auth/me',
    summary: 'The logged-in user.',
    access: 'self',
    success: { status: 200, schema: SessionUserSchema },
    errors: [401],
  },
  listUsers: {
    method: 'get',
    path: '/api/users',
    summary: 'All users, active and deactivated.',
    access: ['admin'],
    success: { status: 200, schema: UserListSchema },
    errors: [401, 403],
  },
  createUser: {
    method: 'post',
    path: '/api/users',
    summary: 'Create a user; agents get an agent profile with extension and skills.',
    access: ['admin'],
    body: CreateUserRequestSchema,
    success: { status: 201, schema: UserSchema },
    errors: [400, 401, 403, 409],
  },
  getUser: {
    method: 'get',
    path: '/api/users/:id',
    summary: 'One user.',
    access: ['admin'],
    params: IdParamSchema,
    success: { status: 200, schema: UserSchema },
    errors: [400, 401, 403, 404],
  },
  updateUser: {
    method: 'patch',
    path: '/api/users/:id',
    summary: 'Edit display name, role, extension, skills, or deactivate/reactivate.',
    access: ['admin'],
    params: IdParamSchema,
    body: UpdateUserRequestSchema,
    success: { status: 200, schema: UserSchema },
    errors: [400, 401, 403, 404, 409],
  },
  changePassword: {
    method: 'put',
    path: '/api/users/:id/password',
    summary:
      'Set a password: admins for anyone, other users for themselves with their current password.',
    access: 'self',
    params: IdParamSchema,
    body: ChangePasswordRequestSchema,
    success: { status: 204, schema: null },
    errors: [400, 401, 403, 404],
  },
  issueSipCredentials: {
    method: 'post',
    path: '/api/sip/credentials',
    summary: 'Short-lived SIP credentials for the caller’s softphone (agents register their extension).',
    access: ['admin', 'supervisor', 'agent'],
    success: { status: 200, schema: SipCredentialsSchema },
    errors: [401, 403],
  },
  listRegistrations: {
    method: 'get',
    path: '/api/sip/registrations',
    summary: 'Softphones registered at the gateway right now.',
    access: ['admin', 'supervisor'],
    success: { status: 200, schema: RegistrationListSchema },
    errors: [401, 403],
  },
  listCalls: {
    method: 'get',
    path: '/api/calls',
    summary: 'Call records, newest first, a page at a time; filter by time, queue, agent, direction, channel, disposition, caller number.',
    access: ['admin', 'supervisor'],
    query: CallListQuerySchema,
    success: { status: 200, schema: CallListSchema },
    errors: [400, 401, 403],
  },
  exportCalls: {
    method: 'get',
    path: '/api/calls/export.csv',
    summary: 'Every call record matching the filters of GET /api/calls, as streamed CSV, newest first.',
    access: ['admin', 'supervisor'],
    query: CallExportQuerySchema,
    success: { status: 200, schema: CallCsvSchema, contentType: 'text/csv' },
    errors: [400, 401, 403],
  },
  listCallEvents: {
    method: 'get',
    path: '/api/calls/:id/events',
    summary: 'A call’s ordered event timeline, every digit the caller pressed included.',
    access: ['admin', 'supervisor'],
    params: IdParamSchema,
    success: { status: 200, schema: CallTimelineSchema },
    errors: [400, 401, 403, 404],
  },
  getCallRecording: {
    method: 'get',
    path: '/api/calls/:id/recordings/:recordingId',
    summary: 'The audio of a call’s recording or voicemail (WAV), streamed.',
    access: ['admin', 'supervisor'],
    params: CallRecordingParamsSchema,
    success: { status: 200, schema: CallRecordingAudioSchema, contentType: 'audio/wav' },
    errors: [400, 401, 403, 404],
  },

  // ── administration: skills and queues (live in the ACD on change) ──────────────────
  listSkills: {
    method: 'get',
    path: '/api/skills',
    summary: 'Every skill agents and queues can name.',
    access: ['admin', 'supervisor'],
    success: { status: 200, schema: SkillCatalogSchema },
    errors: [401, 403],
  },
  createSkill: {
    method: 'post',
    path: '/api/skills',
    summary: 'Add a skill.',
    access: ['admin'],
    body: SkillRequestSchema,
    success: { status: 201, schema: SkillSchema },
    errors: [400, 401, 403, 409],
  },
  renameSkill: {
    method: 'patch',
    path: '/api/skills/:id',
    summary: 'Rename a skill; agents and queues keep it.',
    access: ['admin'],
    params: IdParamSchema,
    body: SkillRequestSchema,
    success: { status: 200, schema: SkillSchema },
    errors: [400, 401, 403, 404, 409],
  },
  deleteSkill: {
    method: 'delete',
    path: '/api/skills/:id',
    summary: 'Remove a skill (agents lose it); refused with 409 naming the queues that require it.',
    access: ['admin'],
    params: IdParamSchema,
    success: { status: 204, schema: null },
    errors: [400, 401, 403, 404, 409],
  },
  listQueues: {
    method: 'get',
    path: '/api/queues',
    summary: 'Every queue with all its routing settings.',
    access: ['admin', 'supervisor'],
    success: { status: 200, schema: QueueListSchema },
    errors: [401, 403],
  },
  getQueue: {
    method: 'get',
    path: '/api/queues/:id',
    summary: 'One queue with all its routing settings.',
    access: ['admin', 'supervisor'],
    params: IdParamSchema,
    success: { status: 200, schema: QueueSchema },
    errors: [400, 401, 403, 404],
  },
  createQueue: {
    method: 'post',
    path: '/api/queues',
    summary: 'Create a queue; the ACD routes to it at once.',
    access: ['admin'],
    body: CreateQueueRequestSchema,
    success: { status: 201, schema: QueueSchema },
    errors: [400, 401, 403, 409],
  },
  updateQueue: {
    method: 'patch',
    path: '/api/queues/:id',
    summary: 'Change routing settings; the ACD applies them at once and waiting calls keep their place.',
    access: ['admin'],
    params: IdParamSchema,
    body: UpdateQueueRequestSchema,
    success: { status: 200, schema: QueueSchema },
    errors: [400, 401, 403, 404, 409],
  },
  deleteQueue: {
    method: 'delete',
    path: '/api/queues/:id',
    summary: 'Remove a queue; refused with 409 while calls wait in it or a published flow or another queue’s overflow sends calls to it.',
    access: ['admin'],
    params: IdParamSchema,
    success: { status: 204, schema: null },
    errors: [400, 401, 403, 404, 409],
  },

  // ── administration: not-ready reasons and dispositions ──────────────────────────────
  listNotReadyReasons: {
    method: 'get',
    path: '/api/not-ready-reasons',
    summary: 'Not-ready reasons: all of them for admins and supervisors, the active ones (what an agent may pick) for agents.',
    access: ['admin', 'supervisor', 'agent'],
    success: { status: 200, schema: NotReadyReasonListSchema },
    errors: [401, 403],
  },
  createNotReadyReason: {
    method: 'post',
    path: '/api/not-ready-reasons',
    summary: 'Add a not-ready reason; agents may pick it at once (‘missed-offer’ is reserved).',
    access: ['admin'],
    body: CreateCodedEntryRequestSchema,
    success: { status: 201, schema: CodedEntrySchema },
    errors: [400, 401, 403, 409],
  },
  updateNotReadyReason: {
    method: 'patch',
    path: '/api/not-ready-reasons/:id',
    summary: 'Relabel, retire or reactivate a not-ready reason (the code stays); applies at once.',
    access: ['admin'],
    params: IdParamSchema,
    body: UpdateCodedEntryRequestSchema,
    success: { status: 200, schema: CodedEntrySchema },
    errors: [400, 401, 403, 404],
  },
  deleteNotReadyReason: {
    method: 'delete',
    path: '/api/not-ready-reasons/:id',
    summary: 'Remove a not-ready reason (history keeps its code); agents can no longer pick it.',
    access: ['admin'],
    params: IdParamSchema,
    success: { status: 204, schema: null },
    errors: [400, 401, 403, 404],
  },
  listDispositions: {
    method: 'get',
    path: '/api/dispositions',
    summary: 'Disposition codes: all of them for admins and supervisors, the active ones (what an agent may pick) for agents.',
    access: ['admin', 'supervisor', 'agent'],
    success: { status: 200, schema: DispositionListSchema },
    errors: [401, 403],
  },
  createDisposition: {
    method: 'post',
    path: '/api/dispositions',
    summary: 'Add a disposition code.',
    access: ['admin'],
    body: CreateCodedEntryRequestSchema,
    success: { status: 201, schema: CodedEntrySchema },
    errors: [400, 401, 403, 409],
  },
  updateDisposition: {
    method: 'patch',
    path: '/api/dispositions/:id',
    summary: 'Relabel, retire or reactivate a disposition code (the code stays).',
    access: ['admin'],
    params: IdParamSchema,
    body: UpdateCodedEntryRequestSchema,
    success: { status: 200, schema: CodedEntrySchema },
    errors: [400, 401, 403, 404],
  },
  deleteDisposition: {
    method: 'delete',
    path: '/api/dispositions/:id',
    summary: 'Remove a disposition code (call records keep it).',
    access: ['admin'],
    params: IdParamSchema,
    success: { status: 204, schema: null },
    errors: [400, 401, 403, 404],
  },

  // ── administration: VIP list and blacklist ───────────────────────────────────────────
  listCallerListEntries: {
    method: 'get',
    path: '/api/caller-lists',
    summary: 'Numbers on the VIP list and the blacklist (filter by kind).',
    access: ['admin'],
    query: CallerListQuerySchema,
    success: { status: 200, schema: CallerListSchema },
    errors: [400, 401, 403],
  },
  addCallerListEntry: {
    method: 'post',
    path: '/api/caller-lists',
    summary: 'Put a number on the VIP list or the blacklist; the next call from it is treated so.',
    access: ['admin'],
    body: AddCallerListEntryRequestSchema,
    success: { status: 201, schema: CallerListEntrySchema },
    errors: [400, 401, 403, 409],
  },
  removeCallerListEntry: {
    method: 'delete',
    path: '/api/caller-lists/:id',
    summary: 'Take a number off its list.',
    access: ['admin'],
    params: IdParamSchema,
    success: { status: 204, schema: null },
    errors: [400, 401, 403, 404],
  },

  // ── administration: business hours calendars and IVR flows ───────────────────────────
  listBusinessHoursCalendars: {
    method: 'get',
    path: '/api/business-hours',
    summary: 'Named business hours calendars (time zone, weekly hours, holidays).',
    access: ['admin'],
    success: { status: 200, schema: BusinessHoursCalendarListSchema },
    errors: [401, 403],
  },
  createBusinessHoursCalendar: {
    method: 'post',
    path: '/api/business-hours',
    summary: 'Create a calendar that flows’ businessHours nodes can name.',
    access: ['admin'],
    body: CreateBusinessHoursCalendarRequestSchema,
    success: { status: 201, schema: BusinessHoursCalendarSchema },
    errors: [400, 401, 403, 409],
  },
  updateBusinessHoursCalendar: {
    method: 'patch',
    path: '/api/business-hours/:id',
    summary: 'Change a calendar; the next call uses it. A rename is refused while a published flow names it.',
    access: ['admin'],
    params: IdParamSchema,
    body: UpdateBusinessHoursCalendarRequestSchema,
    success: { status: 200, schema: BusinessHoursCalendarSchema },
    errors: [400, 401, 403, 404, 409],
  },
  deleteBusinessHoursCalendar: {
    method: 'delete',
    path: '/api/business-hours/:id',
    summary: 'Remove a calendar; refused with 409 while a published flow names it.',
    access: ['admin'],
    params: IdParamSchema,
    success: { status: 204, schema: null },
    errors: [400, 401, 403, 404, 409],
  },
  listIvrFlows: {
    method: 'get',
    path: '/api/ivr/flows',
    summary: 'IVR flows with their entry numbers and published and latest versions.',
    access: ['admin'],
    success: { status: 200, schema: IvrFlowListSchema },
    errors: [401, 403],
  },
  createIvrFlow: {
    method: 'post',
    path: '/api/ivr/flows',
    summary: 'Create a flow with its entry numbers and first version (not yet published).',
    access: ['admin'],
    body: CreateIvrFlowRequestSchema,
    success: { status: 201, schema: IvrFlowDetailSchema },
    errors: [400, 401, 403, 409],
  },
  getIvrFlow: {
    method: 'get',
    path: '/api/ivr/flows/:id',
    summary: 'One flow and the list of its versions (who saved each, when).',
    access: ['admin'],
    params: IdParamSchema,
    success: { status: 200, schema: IvrFlowDetailSchema },
    errors: [400, 401, 403, 404],
  },
  updateIvrFlow: {
    method: 'patch',
    path: '/api/ivr/flows/:id',
    summary: 'Rename a flow or change its entry numbers (unique across flows; live at once when published).',
    access: ['admin'],
    params: IdParamSchema,
    body: UpdateIvrFlowRequestSchema,
    success: { status: 200, schema: IvrFlowDetailSchema },
    errors: [400, 401, 403, 404, 409],
  },
  saveIvrFlowVersion: {
    method: 'post',
    path: '/api/ivr/flows/:id/versions',
    summary: 'Save the flow definition as a new version (immutable; not yet published).',
    access: ['admin'],
    params: IdParamSchema,
    body: SaveIvrFlowVersionRequestSchema,
    success: { status: 201, schema: IvrFlowVersionSchema },
    errors: [400, 401, 403, 404],
  },
  getIvrFlowVersion: {
    method: 'get',
    path: '/api/ivr/flows/:id/versions/:version',
    summary: 'One version of a flow with its definition.',
    access: ['admin'],
    params: FlowVersionParamSchema,
    success: { status: 200, schema: IvrFlowVersionSchema },
    errors: [400, 401, 403, 404],
  },
  publishIvrFlowVersion: {
    method: 'post',
    path: '/api/ivr/flows/:id/versions/:version/publish',
    summary: 'Validate a version (schema, queues and calendars it names) and make it the one new calls run; 400 names node and field of every problem.',
    access: ['admin'],
    params: FlowVersionParamSchema,
    success: { status: 200, schema: IvrFlowDetailSchema },
    errors: [400, 401, 403, 404],
  },
} as const satisfies Record<string, RouteContract>;

export type ApiRouteName = keyof typeof apiRoutes;

export { ApiErrorSchema };
