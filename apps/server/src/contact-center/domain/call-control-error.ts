import { CallControlErrorCode, ErrorCode, type FieldIssue, type MonitorErrorCode } from '@ccx/contracts';

/**
 * An agent's call-control request refused: not their call, a state that has moved on, a
 * target that cannot take the call, a disposition that is not an active code; a supervisor's
 * intervention in a call that is not with an agent (`MonitorErrorCode`). Expected
 * failures: the adapter answers them as the request's error acknowledgement, and nothing
 * was changed.
 */
export class CallControlError extends Error {
  constructor(
    readonly code: CallControlErrorCode | MonitorErrorCode | typeof ErrorCode.Validation,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'CallControlError';
  }
}

export const notYourCall = (callId: string) => new CallControlError(CallControlErrorCode.NotYourCall, `you are not on call ${callId}`);
export const notNow = (why: string) => new CallControlError(CallControlErrorCode.NotNow, why);
export const invalidField = (path: string, message: string) => new CallControlError(ErrorCode.Validation, `${path}: ${message}`, [{ path, message }]);
