import type { AgentCallView, AgentOffer, AgentStateView } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { EMPTY_WRAP_UP, followUpAt, issueFor, localDate, validateWrapUp, wrapUpCallId, wrapUpSecondsLeft } from './wrap-up-form';

const TODAY = '2026-03-02';
const paths = (draft: Partial<typeof EMPTY_WRAP_UP>) => validateWrapUp({ ...EMPTY_WRAP_UP, ...draft }, TODAY).map((i) => i.path);

const state = (name: AgentStateView['state'], wrapUpUntil: string | null = null): AgentStateView => ({
  agentId: 'a1',
  state: name,
  reasonId: null,
  since: '2026-03-02T10:00:00.000Z',
  wrapUpUntil,
  reachable: true,
  unreachable: null,
  offerId: null,
});
const call = (phase: AgentCallView['phase'], callId = 'c1'): AgentCallView => ({
  callId,
  phase,
  direction: 'inbound',
  customerNumber: '+14155550102',
  customerId: null,
  since: '2026-03-02T10:00:00.000Z',
  heldSince: null,
  consult: null,
  conference: [],
});

describe(validateWrapUp.name, () => {
  it('requires a disposition, and says what to do', () => {
    expect(validateWrapUp(EMPTY_WRAP_UP, TODAY)).toEqual([{ path: 'disposition', message: 'Choose a disposition: how did the call end?' }]);
    expect(paths({ disposition: 'resolved' })).toEqual([]);
  });

  it('refuses notes longer than the server takes', () => {
    expect(paths({ disposition: 'resolved', notes: 'x'.repeat(4001) })).toEqual(['notes']);
    expect(paths({ disposition: 'resolved', notes: 'x'.repeat(4000) })).toEqual([]);
  });

  it('asks for a subject only when a ticket is to be created', () => {
    expect(paths({ disposition: 'resolved', subject: '' })).toEqual([]);
    expect(paths({ disposition: 'resolved', createTicket: true, subject: '   ' })).toEqual(['subject']);
    expect(paths({ disposition: 'resolved', createTicket: true, subject: 'Refund' })).toEqual([]);
  });

  it('refuses a follow-up date in the past; today and later are fine', () => {
    const ticket = { disposition: 'resolved', createTicket: true, subject: 'Refund' };
    expect(paths({ ...ticket, followUpDate: '2026-03-01' })).toEqual(['followUpAt']);
    expect(paths({ ...ticket, followUpDate: TODAY })).toEqual([]);
    expect(paths({ ...ticket, followUpDate: '2026-04-01' })).toEqual([]);
    expect(paths({ ...ticket, followUpDate: 'soon' })).toEqual(['followUpAt']);
  });

  it('collects every problem at once, findable by field', () => {
    const issues = validateWrapUp({ ...EMPTY_WRAP_UP, createTicket: true, followUpDate: '2020-01-01' }, TODAY);
    expect(issues.map((i) => i.path)).toEqual(['disposition', 'subject', 'followUpAt']);
    expect(issueFor(issues, 'subject')).toMatch(/subject/);
    expect(issueFor(issues, 'notes')).toBeNull();
  });
});

describe(wrapUpCallId.name, () => {
  const pop = { callId: 'c-pop' } as AgentOffer;
  it('is the call the server says is in wrap-up', () => {
    expect(wrapUpCallId(call('wrap-up'), state('after-call-work'), pop)).toBe('c1');
  });
  it('falls back to the screen pop’s call during after-call work', () => {
    expect(wrapUpCallId(null, state('after-call-work'), pop)).toBe('c-pop');
  });
  it('is none while talking, or when available', () => {
    expect(wrapUpCallId(call('talking'), state('on-call'), pop)).toBeNull();
    expect(wrapUpCallId(null, state('available'), pop)).toBeNull();
    expect(wrapUpCallId(null, state('after-call-work'), null)).toBeNull();
  });
});

describe(followUpAt.name, () => {
  it('is 09:00 local time on the day; nothing for an empty field', () => {
    expect(new Date(followUpAt('2026-03-05')!).getHours()).toBe(9);
    expect(localDate(new Date(followUpAt('2026-03-05')!))).toBe('2026-03-05');
    expect(followUpAt('')).toBeNull();
  });
});

describe(wrapUpSecondsLeft.name, () => {
  const now = Date.parse('2026-03-02T10:00:00.000Z');
  it('counts down to the wrap-up deadline, not below zero', () => {
    expect(wrapUpSecondsLeft(state('after-call-work', '2026-03-02T10:00:29.200Z'), now)).toBe(30);
    expect(wrapUpSecondsLeft(state('after-call-work', '2026-03-02T09:59:00.000Z'), now)).toBe(0);
  });
  it('has no deadline outside after-call work, or without one', () => {
    expect(wrapUpSecondsLeft(state('available'), now)).toBeNull();
    expect(wrapUpSecondsLeft(state('after-call-work', null), now)).toBeNull();
  });
});
