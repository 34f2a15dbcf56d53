import { CallErrorCode, ErrorCode, IvrErrorCode } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { AppError, httpStatusOf } from './app-error.js';

describe(AppError.name, () => {
  it('maps the codes of the call timeline to 409: the call has moved on', () => {
    for (const code of Object.values(CallErrorCode)) expect(httpStatusOf(new AppError(code, 'x')), code).toBe(409);
  });

  it('maps a bad IVR flow to 400 and a flow changed under a call to 409', () => {
    expect(httpStatusOf(new AppError(IvrErrorCode.InvalidFlow, 'x'))).toBe(400);
    expect(httpStatusOf(new AppError(IvrErrorCode.StepLimit, 'x'))).toBe(400);
    expect(httpStatusOf(new AppError(IvrErrorCode.UnknownNode, 'x'))).toBe(409);
    expect(httpStatusOf(new AppError(ErrorCode.Validation, 'x'))).toBe(400);
  });
});
