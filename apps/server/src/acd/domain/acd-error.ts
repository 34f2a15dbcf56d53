import { AcdErrorCode } from '@ccx/contracts';

/**
 * Expected failures of the ACD domain carry a namespaced code of `AcdErrorCode` (contracts
 * `acd/acd-errors.ts`); the adapters map them once to an HTTP status or a Socket.IO
 * acknowledgement. Anything else the domain throws is a bug.
 */
export { AcdErrorCode };

/** The one error type of the ACD domain for expected failures. */
export class AcdError extends Error {
  constructor(
    readonly code: AcdErrorCode,
    message: string,
    /** The input field at fault, dotted (`overflow.1.action.skills`), when one is. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AcdError';
  }
}
