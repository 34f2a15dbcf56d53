import { describe, expect, it } from 'vitest';
import { toFieldIssues } from '../errors.js';
import { CallExportQuerySchema, CallListQuerySchema, CallRecordSchema, CallTimelineSchema } from '../rest/calls.js';
import { apiRoutes, type RouteContract } from '../rest/routes.js';
import { CALL_EVENT_TYPES, type CallEventBody, CallEventBodySchema, CallEventSchema, type CallEventType } from './call-events.js';

const agent = '00000000-0000-4000-8000-00000000000a';
const queue = '00000000-0000-4000-8000-0000000000f1';
const other = '00000000-0000-4000-8000-0000000000f2';
const when = '2025-03-03T09:00:15.000Z';

/** One valid example of every event of the catalogue. */
const examples: { [T in CallEventType]: Extract<CallEventBody, { type: T }>['data'] } = {
  'call.started': { direction: 'inbound', channel: 'trunk', ani: '+15555550100', dnis: '1000', entryPoint: null, agentId: null, callbackOfCallId: null },
  'ivr.node-entered': { flowId: 'main', nodeId: 'menu', nodeType: 'menu' },
  'digit.pressed': { nodeId: 'menu', digit: '#', masked: false },
  'ivr.input-collected': { nodeId: 'account', name: 'accountNumber', value: '12345', masked: false, status: 'ok' },
  'crm.matched': { customerId: other, matchedBy: 'ivr-input' },
  'queue.entered': { queueId: queue, priority: 10, skills: [{ skill: 'billing', minLevel: 3 }], position: 2 },
  'queue.announcement': { queueId: queue, position: 2, ewtSeconds: 90 },
  'queue.overflowed': { fromQueueId: queue, toQueueId: other, reason: 'max-wait' },
  'queue.exited': { queueId: queue, reason: 'callback' },
  'queue.abandoned': { queueId: queue, position: 1 },
  'offer.made': { offerId: 'o1', agentId: agent, queueId: queue, ringUntil: when },
  'offer.ended': { offerId: 'o1', agentId: agent, result: 'timed-out' },
  'call.answered': { agentId: agent, offerId: 'o1' },
  'call.held': { agentId: agent },
  'call.resumed': { agentId: agent },
  'transfer.initiated': { transferId: 't1', kind: 'consult', fromAgentId: agent, target: { kind: 'queue', queueId: other } },
  'transfer.completed': { transferId: 't1', toAgentId: null },
  'transfer.failed': { transferId: 't1', reason: 'no-answer' },
  'conference.joined': { byAgentId: agent, party: { kind: 'number', number: '+4930123456' } },
  'conference.left': { party: { kind: 'number', number: '+4930123456' } },
  'agent.hung-up': { agentId: agent },
  'supervisor.joined': { supervisorId: other, mode: 'whisper' },
  'supervisor.left': { supervisorId: other },
  'recording.started': { recordingId: 'r1' },
  'recording.stopped': { recordingId: 'r1', path: 'recordings/r1.wav', durationSeconds: 61.2 },
  'call.ended': { by: 'agent', agentId: agent, cause: 'hangup', detail: null },
  'voicemail.left': { recordingId: 'vm1', path: null, durationSeconds: 12, queueId: queue },
  'callback.requested': { number: '+15555550100', queueId: queue, scheduledFor: null },
  'callback.placed': { callbackCallId: other },
  'wrap-up.started': { agentId: agent },
  'wrap-up.ended': { agentId: agent },
  'disposition.set': { agentId: agent, code: 'resolved', notes: 'ok' },
  'ticket.linked': { agentId: null, ticketId: 'T-1' },
  'survey.scored': { survey: 'csat', question: 'overall', score: 4, maxScore: 5 },
};

function issuePaths(result: { success: boolean; error?: Parameters<typeof toFieldIssues>[0] }): string[] {
  expect(result.success).toBe(false);
  return result.error ? toFieldIssues(result.error).map((i) => i.path).sort() : [];
}

describe('call event catalogue', () => {
  it('has a valid example for every event type, and parses it unchanged', () => {
    expect(Object.keys(examples).sort()).toEqual([...CALL_EVENT_TYPES].sort());
    for (const type of CALL_EVENT_TYPES) {
      const body = { type, data: examples[type] };
      expect(CallEventBodySchema.parse(body), type).toEqual(body);
    }
  });

  it('names the field of bad event data', () => {
    const bad = (type: string, data: unknown) => issuePaths(CallEventBodySchema.safeParse({ type, data }));
    expect(bad('digit.pressed', { nodeId: 'pin', digit: '5', masked: true })).toEqual(['data.digit']);
    expect(bad('digit.pressed', { nodeId: null, digit: 'x', masked: false })).toEqual(['data.digit']);
    expect(bad('ivr.input-collected', { nodeId: 'pin', name: 'pin', value: '1234', masked: true, status: 'ok' })).toEqual(['data.value']);
    // The answer is `call.answered`, an abandon is `queue.abandoned`: never spelled twice.
    expect(bad('offer.ended', { offerId: 'o1', agentId: agent, result: 'answered' })).toEqual(['data.result']);
    expect(bad('call.ended', { by: 'customer', agentId: null, cause: 'abandoned', detail: null })).toEqual(['data.cause']);
    expect(bad('offer.made', { offerId: '', agentId: 'agent1', queueId: queue, ringUntil: 'soon' })).toEqual(['data.agentId', 'data.offerId', 'data.ringUntil']);
    expect(bad('survey.scored', { survey: 'csat', question: 'q', score: 6, maxScore: 5 })).toEqual(['data.score']);
    expect(bad('call.exploded', {})).toEqual(['type']);
  });

  it('carries seq and time on a stored event', () => {
    const event = { seq: 3, at: when, type: 'call.held', data: { agentId: agent } };
    expect(CallEventSchema.parse(event)).toEqual(event);
    expect(issuePaths(CallEventSchema.safeParse({ ...event, seq: 0 }))).toEqual(['seq']);
    expect(CallTimelineSchema.parse({ callId: other, events: [event] }).events).toHaveLength(1);
  });
});

describe('call log queries', () => {
  it('accepts filters as query strings, coerces the limit and defaults it', () => {
    expect(CallListQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(
      CallListQuerySchema.parse({
        from: '2025-03-01T00:00:00Z',
        to: '2025-03-02T00:00:00+01:00',
        queueId: queue,
        agentId: agent,
        direction: 'inbound',
        channel: 'web',
        disposition: 'resolved',
        callerNumber: ' 5550 ',
        cursor: 'MjAyNS0wMy0wMQ',
        limit: '200',
      }),
    ).toMatchObject({ limit: 200, callerNumber: '5550', channel: 'web' });
  });

  it('names each bad parameter', () => {
    const result = CallListQuerySchema.safeParse({
      from: 'yesterday',
      queueId: 'sales',
      direction: 'sideways',
      channel: 'fax',
      callerNumber: '',
      cursor: 'not a cursor!',
      limit: '500',
    });
    expect(issuePaths(result)).toEqual(['callerNumber', 'channel', 'cursor', 'direction', 'from', 'limit', 'queueId']);
    expect(issuePaths(CallListQuerySchema.safeParse({ limit: 'ten' }))).toEqual(['limit']);
    expect(issuePaths(CallListQuerySchema.safeParse({ limit: '0' }))).toEqual(['limit']);
  });

  it('refuses a time range that ends before it starts, naming `to`', () => {
    const result = CallListQuerySchema.safeParse({ from: '2025-03-02T00:00:00Z', to: '2025-03-01T00:00:00Z' });
    expect(issuePaths(result)).toEqual(['to']);
    expect(CallExportQuerySchema.safeParse({ from: '2025-03-02T00:00:00Z', to: '2025-03-02T00:00:00Z' }).success).toBe(false);
  });

  it('refuses unknown parameters, so a misspelt filter is not silently dropped', () => {
    const result = CallListQuerySchema.safeParse({ callerNumbr: '555' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('callerNumbr');
    // Paging belongs to the list, not to the export.
    expect(CallExportQuerySchema.safeParse({ limit: '10' }).success).toBe(false);
    expect(CallExportQuerySchema.parse({ channel: 'trunk' })).toEqual({ channel: 'trunk' });
  });
});

describe('call routes', () => {
  const calls = [apiRoutes.listCalls, apiRoutes.exportCalls, apiRoutes.listCallEvents] as RouteContract[];

  it('are for supervisors and admins, and declare 400 for their input', () => {
    for (const route of calls) {
      expect(route.access, route.path).toEqual(['admin', 'supervisor']);
      expect(route.errors, route.path).toEqual(expect.arrayContaining([400, 401, 403]));
      expect(route.method).toBe('get');
    }
    expect(apiRoutes.listCallEvents.errors).toContain(404);
    expect(apiRoutes.exportCalls.success.contentType).toBe('text/csv');
    expect(apiRoutes.listCalls.path).toBe('/api/calls');
    expect(apiRoutes.listCallEvents.path).toBe('/api/calls/:id/events');
  });

  it('describe a call record the schema accepts', () => {
    const record = {
      id: other,
      direction: 'inbound',
      channel: 'trunk',
      callerNumber: '+15555550100',
      dialedNumber: '1000',
      entryPoint: null,
      customerId: null,
      status: 'in-progress',
      startedAt: when,
      ivrPath: [],
      ivrInputs: [],
      queues: [{ queueId: queue, enteredAt: when, leftAt: null, outcome: null }],
      queueId: queue,
      enqueuedAt: when,
      waitOutcome: 'waiting',
      announcements: [],
      offers: [],
      answeredAt: null,
      agents: [],
      holdCount: 0,
      transfers: [],
      conferences: [],
      endedAt: null,
      endedBy: null,
      endCause: null,
      endDetail: null,
      waitSeconds: null,
      talkSeconds: null,
      holdSeconds: 0,
      wrapUpSeconds: 0,
      handleSeconds: null,
      wrapUps: [],
      disposition: null,
      notes: null,
      ticketIds: [],
      surveyScore: null,
      surveyAnswers: [],
      recordings: [],
      voicemail: null,
      callback: null,
    };
    expect(CallRecordSchema.parse(record)).toEqual(record);
    expect(issuePaths(CallRecordSchema.safeParse({ ...record, waitSeconds: -1 }))).toEqual(['waitSeconds']);
  });
});
