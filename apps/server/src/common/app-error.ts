import { AcdErrorCode, type AppErrorCode, CallControlErrorCode, CallErrorCode, ErrorCode, type FieldIssue, IvrErrorCode, MonitorErrorCode, PromptErrorCode } from '@ccx/contracts';

/**
 * The one error type for expected failures. Domain code throws it with a namespaced code;
 * each transport (HTTP filter, Socket.IO acknowledgement) maps it once. Anything else that
 * is thrown is a bug and becomes a 500 with no detail leaked.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: { issues?: FieldIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const httpStatusByCode: Record<AppErrorCode, number> = {
  [ErrorCode.Validation]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.LoginFailed]: 401,
  [ErrorCode.RefreshInvalid]: 401,
  [ErrorCode.LoginThrottled]: 429,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.SelfLockout]: 409,
  [ErrorCode.UnknownEvent]: 400,
  // A call event that may not come next: the call's state has moved on (a race, a stale click).
  [CallErrorCode.IllegalEvent]: 409,
  [CallErrorCode.CallEnded]: 409,
  [CallErrorCode.UnknownReference]: 409,
  // A flow that fails validation, or loops without waiting for the caller, is bad input.
  [IvrErrorCode.InvalidFlow]: 400,
  [IvrErrorCode.StepLimit]: 400,
  // The flow changed under a running call.
  [IvrErrorCode.UnknownNode]: 409,
  // The agent's or the offer's state has moved on (a stale click, a race with the ACD's timers).
  [AcdErrorCode.IllegalTransition]: 409,
  [AcdErrorCode.OfferGone]: 409,
  [AcdErrorCode.DuplicateContact]: 409,
  [AcdErrorCode.QueueNotEmpty]: 409,
  [AcdErrorCode.AgentNotOffline]: 409,
  [AcdErrorCode.UnknownAgent]: 404,
  [AcdErrorCode.UnknownQueue]: 404,
  [AcdErrorCode.UnknownContact]: 404,
  [AcdErrorCode.UnknownNotReadyReason]: 400,
  [AcdErrorCode.InvalidQueue]: 400,
  [AcdErrorCode.InvalidContact]: 400,
  [AcdErrorCode.InvalidAgent]: 400,
  [AcdErrorCode.CallbackNumberMissing]: 400,
  // The agent's call control: someone else's call, or a state that has moved on.
  [CallControlErrorCode.NotYourCall]: 403,
  [CallControlErrorCode.NotNow]: 409,
  [CallControlErrorCode.UnknownTarget]: 404,
  [CallControlErrorCode.TargetUnavailable]: 409,
  [CallControlErrorCode.NoTrunk]: 409,
  [CallControlErrorCode.PhoneUnreachable]: 409,
  [CallControlErrorCode.AlreadyWrappedUp]: 409,
  [CallControlErrorCode.WrapUpExpired]: 409,
  // A supervisor stepping into a call: a call that is not with an agent now, a busy or unregistered softphone.
  [MonitorErrorCode.NotConnected]: 409,
  [MonitorErrorCode.UnknownCall]: 404,
  [MonitorErrorCode.UnknownIntervention]: 404,
  [MonitorErrorCode.NotYours]: 403,
  [MonitorErrorCode.Busy]: 409,
  [MonitorErrorCode.PhoneUnreachable]: 409,
  // Prompts: a bad upload is bad input; a taken name or a file a published flow plays, a conflict.
  [PromptErrorCode.BadName]: 400,
  [PromptErrorCode.NotWav]: 400,
  [PromptErrorCode.UnsupportedEncoding]: 400,
  [PromptErrorCode.Empty]: 400,
  [PromptErrorCode.TooLong]: 400,
  [PromptErrorCode.TooBig]: 413,
  [PromptErrorCode.NameTaken]: 409,
  [PromptErrorCode.InUse]: 409,
  // The synthesizer failed or timed out: nothing wrong with the request, try again.
  [PromptErrorCode.SpeechFailed]: 503,
};

export function httpStatusOf(error: AppError): number {
  return httpStatusByCode[error.code];
}
