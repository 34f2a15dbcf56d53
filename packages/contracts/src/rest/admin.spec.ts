import { describe, expect, it } from 'vitest';
import { toFieldIssues } from '../errors.js';
import { AddCallerListEntryRequestSchema } from './caller-lists.js';
import { CreateCodedEntryRequestSchema, UpdateCodedEntryRequestSchema } from './codes-admin.js';
import { CreateBusinessHoursCalendarRequestSchema, CreateIvrFlowRequestSchema, FlowVersionParamSchema } from './ivr-admin.js';
import { CreateQueueRequestSchema, UpdateQueueRequestSchema } from './routing-admin.js';

const paths = (result: { success: boolean; error?: Parameters<typeof toFieldIssues>[0] }) =>
  result.success ? [] : toFieldIssues(result.error!).map((issue) => `${issue.path}: ${issue.message}`);

describe('queue bodies', () => {
  it('fills every routing setting of a new queue with its default', () => {
    expect(CreateQueueRequestSchema.parse({ name: ' Billing ' })).toEqual({
      name: 'Billing',
      strategy: 'longest_idle',
      skills: [],
      offerTimeoutSeconds: 15,
      wrapUpSeconds: 30,
      serviceLevelSeconds: 20,
      maxWait: null,
      overflow: [],
      missedOfferSetsNotReady: true,
      agingPerSecond: 1,
      announcements: { firstAfterSeconds: 20, everySeconds: 60 },
      wallboardThresholds: { serviceLevelWarnBelowPercent: 80, serviceLevelAlertBelowPercent: 60, longestWaitWarnSeconds: 30, longestWaitAlertSeconds: 60 },
    });
  });

  it('refuses wallboard thresholds whose alert is milder than their warning, naming the field', () => {
    const thresholds = { serviceLevelWarnBelowPercent: 70, serviceLevelAlertBelowPercent: 80, longestWaitWarnSeconds: 60, longestWaitAlertSeconds: 30 };
    expect(paths(UpdateQueueRequestSchema.safeParse({ wallboardThresholds: thresholds }))).toEqual([
      'wallboardThresholds.serviceLevelAlertBelowPercent: the alert level must not be above the warning level',
      'wallboardThresholds.longestWaitAlertSeconds: the alert wait must not be shorter than the warning wait',
    ]);
    const none = { serviceLevelWarnBelowPercent: null, serviceLevelAlertBelowPercent: 50, longestWaitWarnSeconds: null, longestWaitAlertSeconds: null };
    expect(UpdateQueueRequestSchema.parse({ wallboardThresholds: none })).toEqual({ wallboardThresholds: none });
  });

  it('names each bad field: levels, repeated skills, overflow actions, max wait outcome', () => {
    const result = CreateQueueRequestSchema.safeParse({
      name: 'Billing',
      strategy: 'random',
      skills: [{ skill: 'billing', minLevel: 11 }, { skill: 'Billing', minLevel: 2 }],
      maxWait: { seconds: 60, outcome: 'hangup' },
      overflow: [{ afterSeconds: 0, action: { type: 'move' } }],
    });
    expect(paths(result)).toEqual([
      expect.stringMatching(/^strategy: /),
      expect.stringMatching(/^skills\.0\.minLevel: /),
      'skills.1.skill: "Billing" is listed twice',
      expect.stringMatching(/^maxWait\.outcome: /),
      expect.stringMatching(/^overflow\.0\.afterSeconds: /),
      expect.stringMatching(/^overflow\.0\.action\.queue: /),
    ]);
  });

  it('takes any subset of settings on update, but not nothing and no unknown field', () => {
    expect(UpdateQueueRequestSchema.parse({ wrapUpSeconds: 0 })).toEqual({ wrapUpSeconds: 0 });
    expect(paths(UpdateQueueRequestSchema.safeParse({}))).toEqual(['(root): nothing to change']);
    expect(paths(UpdateQueueRequestSchema.safeParse({ wrapup: 1 }))[0]).toMatch(/wrapup/);
  });
});

describe('coded entries (not-ready reasons, dispositions)', () => {
  it('takes a slug code and a label; the code cannot be changed later', () => {
    expect(CreateCodedEntryRequestSchema.parse({ code: 'coaching', label: 'Coaching' })).toEqual({ code: 'coaching', label: 'Coaching', active: true });
    expect(paths(CreateCodedEntryRequestSchema.safeParse({ code: 'Coffee Break', label: '' }))).toEqual([
      expect.stringMatching(/^code: lower-case letters/),
      'label: required',
    ]);
    expect(paths(UpdateCodedEntryRequestSchema.safeParse({ code: 'x' }))[0]).toMatch(/^\(root\): Unrecognized key/);
  });
});

describe('caller list entries', () => {
  it.each(['+14155550101', '10086', '+861380013800012345'])('accepts %s', (number) => {
    expect(AddCallerListEntryRequestSchema.safeParse({ kind: 'vip', number }).success).toBe(true);
  });
  it.each(['12', '+1 415 555 0101', '++14155550101', 'abc', '123456789012345678901', '1+2345'])('refuses %s', (number) => {
    expect(paths(AddCallerListEntryRequestSchema.safeParse({ kind: 'blacklist', number }))).toEqual([expect.stringMatching(/^number: a number is 3–20 digits/)]);
  });
  it('refuses an unknown list', () => {
    expect(paths(AddCallerListEntryRequestSchema.safeParse({ kind: 'grey', number: '12345' }))[0]).toMatch(/^kind: /);
  });
});

describe('business hours calendars', () => {
  it('checks zone, ranges and holidays with the flow schema’s own pieces', () => {
    const result = CreateBusinessHoursCalendarRequestSchema.safeParse({
      name: 'Head office',
      timeZone: 'Mars/Olympus_Mons',
      weekly: { mon: [{ from: '18:00', to: '09:00' }], funday: [] },
      holidays: [{ date: '2026-13-01' }],
    });
    expect(paths(result)).toEqual([
      expect.stringMatching(/^timeZone: not a time zone known to Intl/),
      expect.stringMatching(/^weekly\.mon\.0\.to: ends at 09:00, not after its start 18:00/),
      expect.stringMatching(/^weekly: Unrecognized key.*funday/),
      expect.stringMatching(/^holidays\.0\.date: a date is YYYY-MM-DD/),
    ]);
  });
});

describe('IVR flow bodies', () => {
  it('takes entry numbers, each once, and a definition object', () => {
    expect(CreateIvrFlowRequestSchema.parse({ name: 'Main', entryNumbers: ['1000'], definition: {} })).toEqual({ name: 'Main', entryNumbers: ['1000'], definition: {} });
    expect(paths(CreateIvrFlowRequestSchema.safeParse({ name: 'Main', entryNumbers: ['1000', '1000', 'x'], definition: [] }))).toEqual([
      expect.stringMatching(/^entryNumbers\.2: an entry number is/),
      'entryNumbers: a number is listed twice',
      expect.stringMatching(/^definition: /),
    ]);
  });

  it('reads the version of a path as a number', () => {
    expect(FlowVersionParamSchema.parse({ id: '6f1c7e56-1c1f-4d43-9a57-0c1f5f9b9f0a', version: '3' }).version).toBe(3);
    expect(FlowVersionParamSchema.safeParse({ id: '6f1c7e56-1c1f-4d43-9a57-0c1f5f9b9f0a', version: '0' }).success).toBe(false);
  });
});
