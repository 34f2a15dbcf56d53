import { describe, expect, it } from 'vitest';
import { flowIssueView, lineAndColumn, parseFlowJson } from './flow-editor';
import { hoursBody, newHoursDraft, parseHolidays, parseRanges } from './hours-form';
import { createQueueBody, NEW_QUEUE, queueDraft, thresholdsSummary, updateQueueBody } from './queue-form';
import { formatSkillLevels, parseSkillLevels } from './skill-levels';
import { CreateBusinessHoursCalendarRequestSchema, type Queue } from '@ccx/contracts';
import { checkBody } from './form-check';

describe('skill levels text', () => {
  it('reads "Support:7, Sales:3" and writes it back the same', () => {
    expect(parseSkillLevels(' Support:7, Sales : 3 ,')).toEqual([
      { skill: 'Support', level: 7 },
      { skill: 'Sales', level: 3 },
    ]);
    expect(formatSkillLevels([{ skill: 'Support', level: 7 }, { skill: 'Sales', minLevel: 3 }])).toBe('Support:7, Sales:3');
    expect(parseSkillLevels('')).toEqual([]);
  });
  it('keeps a malformed item so the schema names it', () => {
    expect(parseSkillLevels('Support, Sales:high')[0]!.level).toBeNaN();
    expect(parseSkillLevels('Sales:high')[0]).toMatchObject({ skill: 'Sales' });
  });
});

describe('queue form', () => {
  it('sends the defaults of a new queue with its name and skills', () => {
    const checked = createQueueBody({ ...NEW_QUEUE, name: 'Billing', skills: 'Billing:4' });
    expect(checked).toMatchObject({
      ok: true,
      body: { name: 'Billing', strategy: 'longest_idle', skills: [{ skill: 'Billing', minLevel: 4 }], offerTimeoutSeconds: 15, maxWait: null, announcements: { firstAfterSeconds: 20, everySeconds: 60 } },
    });
  });
  it('names each bad field as the server would', () => {
    const checked = createQueueBody({ ...NEW_QUEUE, name: ' ', skills: 'Billing:11', offerTimeoutSeconds: 'ten', maxWaitSeconds: '0' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues.map((i) => i.path).sort()).toEqual(['maxWait.seconds', 'name', 'offerTimeoutSeconds', 'skills.0.minLevel']);
  });
  it('turns off the maximum wait and the announcements', () => {
    const checked = updateQueueBody({ ...NEW_QUEUE, name: 'Sales', maxWaitSeconds: '', announcementsOn: false });
    expect(checked).toMatchObject({ ok: true, body: { maxWait: null, announcements: null } });
    expect(updateQueueBody({ ...NEW_QUEUE, name: 'Sales', maxWaitSeconds: '300', maxWaitOutcome: 'callback' })).toMatchObject({ ok: true, body: { maxWait: { seconds: 300, outcome: 'callback' } } });
  });
});

describe('queue form: wallboard thresholds', () => {
  const queue: Queue = {
    id: 'q1',
    name: 'Support',
    strategy: 'longest_idle',
    skills: [],
    offerTimeoutSeconds: 15,
    wrapUpSeconds: 30,
    serviceLevelSeconds: 20,
    agingPerSecond: 1,
    missedOfferSetsNotReady: true,
    maxWait: null,
    overflow: [],
    announcements: null,
    wallboardThresholds: { serviceLevelWarnBelowPercent: 90, serviceLevelAlertBelowPercent: null, longestWaitWarnSeconds: 10, longestWaitAlertSeconds: 20 },
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };

  it('starts a new queue with the default thresholds', () => {
    expect(createQueueBody({ ...NEW_QUEUE, name: 'Billing' })).toMatchObject({
      ok: true,
      body: { wallboardThresholds: { serviceLevelWarnBelowPercent: 80, serviceLevelAlertBelowPercent: 60, longestWaitWarnSeconds: 30, longestWaitAlertSeconds: 60 } },
    });
  });

  it('shows a queue’s thresholds, an empty box for none, and sends them back unchanged', () => {
    const draft = queueDraft(queue);
    expect(draft).toMatchObject({ serviceLevelWarnBelowPercent: '90', serviceLevelAlertBelowPercent: '', longestWaitWarnSeconds: '10', longestWaitAlertSeconds: '20' });
    expect(updateQueueBody(draft)).toMatchObject({ ok: true, body: { wallboardThresholds: queue.wallboardThresholds } });
  });

  it('turns a box emptied into none', () => {
    const checked = updateQueueBody({ ...queueDraft(queue), longestWaitWarnSeconds: ' ', longestWaitAlertSeconds: '' });
    expect(checked).toMatchObject({ ok: true, body: { wallboardThresholds: { longestWaitWarnSeconds: null, longestWaitAlertSeconds: null } } });
  });

  it('names each bad threshold at its field, as the server would', () => {
    const bad = updateQueueBody({ ...queueDraft(queue), serviceLevelWarnBelowPercent: '120', longestWaitWarnSeconds: 'soon' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.path).sort()).toEqual(['wallboardThresholds.longestWaitWarnSeconds', 'wallboardThresholds.serviceLevelWarnBelowPercent']);
    const crossed = updateQueueBody({ ...queueDraft(queue), serviceLevelWarnBelowPercent: '50', serviceLevelAlertBelowPercent: '70' });
    expect(crossed).toMatchObject({ ok: false, issues: [{ path: 'wallboardThresholds.serviceLevelAlertBelowPercent' }] });
  });

  it('says the thresholds in a line for the table', () => {
    expect(thresholdsSummary(queue.wallboardThresholds)).toBe('SL warn < 90 %; wait warn > 10 s, alert > 20 s');
    expect(thresholdsSummary({ serviceLevelWarnBelowPercent: null, serviceLevelAlertBelowPercent: null, longestWaitWarnSeconds: null, longestWaitAlertSeconds: null })).toBe('SL none; wait none');
  });
});

describe('business hours form', () => {
  it('reads opening times per day and holidays one a line', () => {
    expect(parseRanges('09:00-12:00, 13:00 – 17:30')).toEqual([
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '17:30' },
    ]);
    expect(parseHolidays('2025-12-25 Christmas Day\n\n01-01')).toEqual([{ date: '2025-12-25', name: 'Christmas Day' }, { date: '01-01' }]);
    const body = hoursBody({ ...newHoursDraft(), name: 'Head office', timeZone: 'Europe/Berlin' });
    expect(checkBody(CreateBusinessHoursCalendarRequestSchema, body)).toMatchObject({ ok: true, body: { weekly: { mon: [{ from: '09:00', to: '17:00' }], sat: [] } } });
  });
  it('names the day and range of a bad time', () => {
    const draft = newHoursDraft();
    const checked = checkBody(CreateBusinessHoursCalendarRequestSchema, hoursBody({ ...draft, name: 'X', days: { ...draft.days, tue: '17:00-09:00' } }));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues[0]!.path).toMatch(/^weekly\.tue\.0/);
  });
});

describe('flow editor', () => {
  it('parses a JSON object and places a syntax error by line and column', () => {
    expect(parseFlowJson('{"a": 1}')).toEqual({ ok: true, definition: { a: 1 } });
    const bad = parseFlowJson('{\n  "a": 1,\n  oops\n}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/line 3, column 3/);
    expect(parseFlowJson('[1]')).toEqual({ ok: false, message: 'A flow is a JSON object ({ … }).' });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
  it('splits a server issue into the node id and the field path', () => {
    expect(flowIssueView({ path: 'nodes.main-menu.options.2.next', message: 'duplicate key' })).toEqual({ nodeId: 'main-menu', field: 'options.2.next', message: 'duplicate key' });
    expect(flowIssueView({ path: 'nodes.support.queue', message: 'no queue "Nope"' })).toEqual({ nodeId: 'support', field: 'queue', message: 'no queue "Nope"' });
    expect(flowIssueView({ path: 'start', message: 'no such node' })).toEqual({ nodeId: null, field: 'start', message: 'no such node' });
    expect(flowIssueView({ path: '(root)', message: 'x' }).field).toBe('(flow)');
  });
});
