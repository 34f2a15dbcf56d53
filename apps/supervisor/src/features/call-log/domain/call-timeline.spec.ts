import { type CallEvent } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { describeEvent, formatDuration, MASKED_TEXT, timelineRows, type TimelineNames } from './call-timeline';

const AGENT = '11111111-1111-4111-8111-111111111111';
const QUEUE = '22222222-2222-4222-8222-222222222222';
const names: TimelineNames = { agent: (id) => (id === AGENT ? 'Alice' : '?'), queue: (id) => (id === QUEUE ? 'Support' : '?') };
const at = (s: number) => new Date(Date.UTC(2025, 2, 3, 9, 0, s)).toISOString();

const events: CallEvent[] = [
  { seq: 1, at: at(0), type: 'call.started', data: { direction: 'inbound', channel: 'trunk', ani: '+14155550102', dnis: '1001', entryPoint: null, agentId: null, callbackOfCallId: null } },
  { seq: 2, at: at(3), type: 'digit.pressed', data: { nodeId: 'pin', digit: null, masked: true } },
  { seq: 3, at: at(4), type: 'digit.pressed', data: { nodeId: 'menu', digit: '2', masked: false } },
  { seq: 4, at: at(5), type: 'ivr.input-collected', data: { nodeId: 'pin', name: 'pin', value: null, masked: true, status: 'ok' } },
  { seq: 5, at: at(6), type: 'queue.entered', data: { queueId: QUEUE, priority: 0, skills: [], position: 1 } },
  { seq: 6, at: at(71), type: 'call.answered', data: { agentId: AGENT, offerId: 'o1' } },
  { seq: 7, at: at(3725), type: 'call.ended', data: { by: 'customer', agentId: null, cause: 'hangup', detail: null } },
];

describe('call timeline', () => {
  it('gives each event a time, the time since the start, a name and its details, agents and queues by name', () => {
    const rows = timelineRows(events, names);
    expect(rows.map((r) => r.offset)).toEqual(['0:00', '0:03', '0:04', '0:05', '0:06', '1:11', '1:02:05']);
    expect(rows[0]).toMatchObject({ seq: 1, event: 'Call started', details: 'inbound trunk call from +14155550102 to 1001' });
    expect(rows[4]).toMatchObject({ event: 'Queued', details: 'Support, position 1, priority 0' });
    expect(rows[5]).toMatchObject({ event: 'Answered', details: 'by Alice' });
    expect(rows[0]!.time).toMatch(/^\d{2}:\d{2}:00$/);
  });

  it('keeps secret digits and inputs masked, and shows the others', () => {
    expect(describeEvent(events[1]!, names).details).toBe(`${MASKED_TEXT} at pin`);
    expect(describeEvent(events[2]!, names).details).toBe('2 at menu');
    expect(describeEvent(events[3]!, names).details).toBe(`pin = ${MASKED_TEXT} at pin`);
    expect(JSON.stringify(timelineRows(events, names))).not.toMatch(/pin = \d/);
  });

  it('says how the customer was found, a website\'s word as unverified', () => {
    const matched = (matchedBy: 'caller-number' | 'web-visitor'): CallEvent => ({ seq: 2, at: at(1), type: 'crm.matched', data: { customerId: AGENT, matchedBy } });
    expect(describeEvent(matched('caller-number'), names)).toEqual({ event: 'Customer found', details: "by the caller's number" });
    expect(describeEvent(matched('web-visitor'), names).details).toMatch(/website.*not verified/);
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(59.9)).toBe('0:59');
    expect(formatDuration(600)).toBe('10:00');
    expect(formatDuration(3600 + 61)).toBe('1:01:01');
  });
});
