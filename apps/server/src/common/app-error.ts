import { ErrorCode, type FieldIssue } from '@ccx/contracts';

/**
 * The one error type for expected failures. Domain code throws it with a namespaced code;
 * each transport (HTTP filter, Socket.IO acknowledgement) maps it once. Anything else that
 * is thrown is a bug and becomes a 500 with no detail leaked.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { issues?: FieldIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const httpStatusByCode: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.LoginFailed]: 401,
  [ErrorCode.RefreshInvalid]: 401,
  [ErrorCode.LoginThrottled]: 429,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.SelfLockout]: 409,
  [ErrorCode.UnknownEvent]: 400,
};

export function httpStatusOf(error: AppError): number {
  return httpStatusByCode[error.code];
}
