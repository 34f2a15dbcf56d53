import type { Intervention } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { callToAnswer, callToHangUp, describeIntervention, nextIntervention, type PhoneCall } from './intervention-state';

const base: Intervention = {
  interventionId: 'call-1.m4',
  callId: 'call-1',
  agentId: 'a2',
  agentName: 'Bea Agent',
  customerNumber: '+14155550102',
  supervisorId: 's1',
  mode: 'listen',
  state: 'ringing',
  ringsAs: 'call-1.m4',
  requestedAt: '2026-11-30T10:00:00.000Z',
  connectedAt: null,
  endedAt: null,
  endReason: null,
};
const connected: Intervention = { ...base, state: 'connected', connectedAt: '2026-11-30T10:00:01.000Z' };
const ended: Intervention = { ...connected, state: 'ended', endedAt: '2026-11-30T10:00:09.000Z', endReason: 'call-ended' };
const ringing = (over: Partial<PhoneCall> = {}): PhoneCall => ({ id: 'in-1', direction: 'incoming', phase: 'incoming', remoteNumber: 'call-1.m4', ...over });

describe('nextIntervention', () => {
  it('never goes back to ringing after the push said connected (the request’s answer came late)', () => {
    expect(nextIntervention(connected, base)).toBe(connected);
    expect(nextIntervention(base, connected)).toBe(connected);
  });

  it('takes a mode change within a state, and the end', () => {
    const whisper = { ...connected, mode: 'whisper' as const };
    expect(nextIntervention(connected, whisper)).toBe(whisper);
    expect(nextIntervention(whisper, ended)).toBe(ended);
    expect(nextIntervention(ended, whisper)).toBe(ended);
  });

  it('replaces an ended one with a new one, but a late end of an old one does not hide the one in progress', () => {
    const fresh = { ...base, interventionId: 'call-2.m1', callId: 'call-2', ringsAs: 'call-2.m1' };
    expect(nextIntervention(ended, fresh)).toBe(fresh);
    expect(nextIntervention(fresh, ended)).toBe(fresh);
    expect(nextIntervention(null, ended)).toBe(ended);
  });
});

describe('the supervisor’s phone', () => {
  it('answers only the call the server rang for the intervention, and only while it rings', () => {
    expect(callToAnswer([ringing({ id: 'other', remoteNumber: '2002' }), ringing()], base)).toBe('in-1');
    expect(callToAnswer([ringing({ remoteNumber: '2002' })], base)).toBeNull();
    expect(callToAnswer([ringing()], connected)).toBeNull();
    expect(callToAnswer([ringing({ phase: 'active' })], base)).toBeNull();
    expect(callToAnswer([ringing()], null)).toBeNull();
  });

  it('hangs up the intervention’s call once the server ended it', () => {
    expect(callToHangUp([ringing({ phase: 'active' })], ended)).toBe('in-1');
    expect(callToHangUp([ringing({ phase: 'active' })], connected)).toBeNull();
    expect(callToHangUp([ringing({ phase: 'active', remoteNumber: '2002' })], ended)).toBeNull();
  });
});

describe('describeIntervention', () => {
  it('says who hears the supervisor in each mode, and why it ended', () => {
    expect(describeIntervention(base)).toBe('Connecting your phone to Bea Agent’s call with +14155550102…');
    expect(describeIntervention(connected)).toContain('Nobody hears you');
    expect(describeIntervention({ ...connected, mode: 'whisper' })).toContain('Only the agent hears you');
    expect(describeIntervention({ ...connected, mode: 'barge' })).toContain('Everyone hears you');
    expect(describeIntervention(ended)).toBe('The call ended: you left Bea Agent’s call with +14155550102.');
    expect(describeIntervention({ ...ended, endReason: 'not-answered' })).toContain('did not answer');
  });
});
