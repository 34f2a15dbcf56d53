import { WidgetCallStatusSchema, type WidgetCallStatus } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../i18n';
import { type CallView, controlsFor, parseStatus, statusText } from './call-status';

const en = STRINGS.en;
const view = (line: CallView['line'], server: WidgetCallStatus | null): CallView => ({ line, server });

describe(statusText.name, () => {
  it('says connecting until both the line and the server say the call is up', () => {
    expect(statusText(view('connecting', null), en)).toBe('Connecting…');
    expect(statusText(view('connecting', { phase: 'ivr' }), en)).toBe('Connecting…');
    expect(statusText(view('connected', null), en)).toBe('Connecting…');
    expect(statusText(view('connected', { phase: 'waiting' }), en)).toBe('Connecting…');
  });

  it('follows the call through the IVR, the queue with its position, the agent, hold and the end', () => {
    expect(statusText(view('connected', { phase: 'ivr' }), en)).toMatch(/menu.*keypad/);
    expect(statusText(view('connected', { phase: 'queued', position: 3 }), en)).toBe('Waiting for the next agent: you are number 3 in the queue.');
    expect(statusText(view('connected', { phase: 'queued', position: null }), en)).toBe('Waiting for the next agent.');
    expect(statusText(view('connected', { phase: 'talking' }), en)).toBe('Talking with an agent.');
    expect(statusText(view('connected', { phase: 'on-hold' }), en)).toMatch(/^On hold/);
    expect(statusText(view('ended', { phase: 'talking' }), en)).toBe('Call ended.');
    expect(statusText(view('connected', { phase: 'ended' }), en)).toBe('Call ended.');
    expect(statusText(view('failed', null), en)).toMatch(/could not be connected/);
    expect(statusText(view('ended', { phase: 'callback-booked', number: '+14155550100' }), en)).toBe('We will call you back at +14155550100. You can close this window.');
    expect(statusText(view('connected', { phase: 'queued', position: 2 }), STRINGS.zh)).toBe('正在等待下一位客服：您排在第2位。');
  });
});

describe(controlsFor.name, () => {
  it('offers the call controls during the call, "call me back" only in the queue, "call again" after', () => {
    expect(controlsFor(view('connecting', null))).toEqual({ inCall: true, offerCallback: false, callAgain: false });
    expect(controlsFor(view('connected', { phase: 'ivr' }))).toEqual({ inCall: true, offerCallback: false, callAgain: false });
    expect(controlsFor(view('connected', { phase: 'queued', position: 1 }))).toEqual({ inCall: true, offerCallback: true, callAgain: false });
    expect(controlsFor(view('connected', { phase: 'callback-booked', number: '123' }))).toEqual({ inCall: false, offerCallback: false, callAgain: true });
    expect(controlsFor(view('ended', { phase: 'queued', position: 1 }))).toEqual({ inCall: false, offerCallback: false, callAgain: true });
  });
});

describe(parseStatus.name, () => {
  it('accepts exactly what the contract accepts', () => {
    const samples: unknown[] = [
      { phase: 'waiting' },
      { phase: 'ivr' },
      { phase: 'queued', position: 4 },
      { phase: 'queued', position: null },
      { phase: 'queued', position: 0 },
      { phase: 'queued', position: 1.5 },
      { phase: 'queued' },
      { phase: 'talking' },
      { phase: 'on-hold' },
      { phase: 'callback-booked', number: '+14155550100' },
      { phase: 'callback-booked', number: '' },
      { phase: 'callback-booked' },
      { phase: 'ended' },
      { phase: 'dancing' },
      null,
      'ivr',
    ];
    for (const sample of samples) {
      const contract = WidgetCallStatusSchema.safeParse(sample);
      expect(parseStatus(sample), JSON.stringify(sample)).toEqual(contract.success ? contract.data : null);
    }
  });
});
