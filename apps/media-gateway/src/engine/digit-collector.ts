/**
 * Collects a number the caller keys in (an account number, a menu choice): ends at the
 * maximum length, at the terminator (when at least the minimum was entered), or when the
 * caller waits too long for the first or the next digit. Time is counted in 20 ms ticks.
 */
export interface CollectOptions {
  minDigits: number;
  maxDigits: number;
  terminator: '#' | '*' | null;
  firstDigitTimeoutMs: number;
  interDigitTimeoutMs: number;
}

export interface CollectResult {
  digits: string;
  reason: 'max-digits' | 'terminator' | 'timeout';
}

const TICK_MS = 20;

export class DigitCollector {
  private digits = '';
  private lastActivityTick: number;

  constructor(
    private readonly options: CollectOptions,
    startTick: number,
  ) {
    this.lastActivityTick = startTick;
  }

  digit(digit: string, tick: number): CollectResult | null {
    this.lastActivityTick = tick;
    if (digit === this.options.terminator) {
      return this.digits.length >= this.options.minDigits ? { digits: this.digits, reason: 'terminator' } : null;
    }
    this.digits += digit;
    return this.digits.length >= this.options.maxDigits ? { digits: this.digits, reason: 'max-digits' } : null;
  }

  tick(tick: number): CollectResult | null {
    const limit = this.digits.length === 0 ? this.options.firstDigitTimeoutMs : this.options.interDigitTimeoutMs;
    return (tick - this.lastActivityTick) * TICK_MS >= limit ? { digits: this.digits, reason: 'timeout' } : null;
  }
}
