import { z } from 'zod';
import { type AcdErrorCode } from './acd/acd-errors.js';
import { type CallErrorCode } from './calls/call-errors.js';
import { type CallControlErrorCode } from './realtime/agent-call.js';
import { type MonitorErrorCode } from './rest/monitoring.js';
import { type IvrErrorCode } from './ivr/flow.js';
import { type PromptErrorCode } from './rest/prompts.js';

/**
 * Expected failures, named once. The server throws these codes from its domain code and
 * maps them to an HTTP status or a Socket.IO acknowledgement at the edge only.
 */
export const ErrorCode = {
  /** The request body, query or event payload did not match its schema. */
  Validation: 'request/invalid',
  /** No valid credentials were presented. */
  Unauthenticated: 'auth/unauthenticated',
  /** Username or password wrong, or the user is deactivated. Deliberately says no more. */
  LoginFailed: 'auth/login-failed',
  /** Too many failed logins for this username or address; retry after the given delay. */
  LoginThrottled: 'auth/throttled',
  /** Too many requests of this kind from this address; retry after the given delay. */
  RateLimited: 'request/rate-limited',
  /** The refresh token is unknown, expired, revoked or already used. */
  RefreshInvalid: 'auth/refresh-invalid',
  /** Authenticated, but the role may not do this. */
  Forbidden: 'auth/forbidden',
  /** The addressed record does not exist. */
  NotFound: 'common/not-found',
  /** A unique name is already taken (e.g. a username). */
  Conflict: 'common/conflict',
  /** The admin tried to deactivate or demote themself, which would lock the tenant out. */
  SelfLockout: 'users/self-lockout',
  /** A Socket.IO event name the server does not know. */
  UnknownEvent: 'realtime/unknown-event',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Every code an expected failure may carry: the common codes above and the codes each
 * domain names beside its own contracts (`CallErrorCode`, `IvrErrorCode`, `AcdErrorCode`,
 * `CallControlErrorCode`, `MonitorErrorCode`, `PromptErrorCode`). The server maps
 * each of them to an HTTP status in one table, so a new code does not compile until it has one.
 */
export type AppErrorCode = ErrorCode | CallErrorCode | IvrErrorCode | AcdErrorCode | CallControlErrorCode | MonitorErrorCode | PromptErrorCode;

/** One problem with one field of an input; `path` is dotted (e.g. `skills.0.level`). */
export const FieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** The body of every 4xx/5xx answer and the `error` of every failed acknowledgement. */
export const ApiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(FieldIssueSchema).optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Turns a zod error into field issues, the shape clients show next to form fields. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
