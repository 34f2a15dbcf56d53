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
} as const satisfies Record<string, RouteContract>;

export type ApiRouteName = keyof typeof apiRoutes;

export { ApiErrorSchema };
