import { CallRecordSchema } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { toCallRecordDto, toCallEventDto } from './call-record-dto.js';
import { reduceCallRecord } from './call-record.js';
import { ids, iso, T0, timeline } from './call-timeline.fixture.js';

const { agentA, agentB, sales, support } = ids;
const at = (seconds: number) => T0 + seconds * 1000;

describe(reduceCallRecord.name, () => {
  it('reduces an answered call with two offers and two holds (hand-worked)', () => {
    const b = timeline()
      .started({ channel: 'web', ani: 'web:visitor-7', dnis: 'widget', entryPoint: 'demo' })
      .add('ivr.node-entered', { flowId: 'main', nodeId: 'greeting', nodeType: 'play' })
      .at(3).add('ivr.node-entered', { flowId: 'main', nodeId: 'menu', nodeType: 'menu' })
      .at(5).add('digit.pressed', { nodeId: 'menu', digit: '2', masked: false })
      .add('ivr.input-collected', { nodeId: 'menu', name: 'choice', value: '2', masked: false, status: 'ok' })
      .at(6).add('crm.matched', { customerId: ids.customer, matchedBy: 'caller-number' })
      .at(10).enqueued(sales)
      .at(12).offered('o1', agentA)
      .at(15).add('offer.ended', { offerId: 'o1', agentId: agentA, result: 'rejected' })
      .at(16).offered('o2', agentB)
      .at(22).answered(agentB, 'o2')
      .add('recording.started', { recordingId: 'r1' })
      .at(40).add('call.held', { agentId: agentB })
      .at(55).add('call.resumed', { agentId: agentB })
      .at(70).add('call.held', { agentId: agentB })
      .at(80).add('call.resumed', { agentId: agentB })
      .at(142).ended('customer')
      .add('recording.stopped', { recordingId: 'r1', path: 'recordings/r1.wav', durationSeconds: 120 })
      .wrapUp(agentB, 142, 172)
      .add('disposition.set', { agentId: agentB, code: 'resolved', notes: 'reset password' });
    const r = b.record();

    // wait     = answer 22 − enqueue 10                       = 12 s
    // ringing  = o1: 15 − 12 = 3 s (rejected); o2: 22 − 16    = 6 s (answered)
    // hold     = (55 − 40) + (80 − 70) = 15 + 10               = 25 s, 2 holds
    // talk     = connected 22 → 142 = 120, less hold 25        = 95 s
    // wrap-up  = 172 − 142                                     = 30 s
    // handle   = 95 + 25 + 30                                  = 150 s
    expect(r).toMatchObject({
      status: 'ended',
      channel: 'web',
      callerNumber: 'web:visitor-7',
      customerId: ids.customer,
      queueId: sales,
      enqueuedAt: at(10),
      waitOutcome: 'answered',
      answeredAt: at(22),
      waitSeconds: 12,
      holdCount: 2,
      holdSeconds: 25,
      talkSeconds: 95,
      wrapUpSeconds: 30,
      handleSeconds: 150,
      endedAt: at(142),
      endedBy: 'customer',
      endCause: 'hangup',
      disposition: 'resolved',
      notes: 'reset password',
    });
    expect(r.ivrPath.map((s) => s.nodeId)).toEqual(['greeting', 'menu']);
    expect(r.ivrInputs).toEqual([{ nodeId: 'menu', name: 'choice', value: '2', masked: false, status: 'ok', at: at(5) }]);
    expect(r.offers.map((o) => [o.agentId, o.result, o.ringingSeconds])).toEqual([
      [agentA, 'rejected', 3],
      [agentB, 'answered', 6],
    ]);
    expect(r.agents).toEqual([{ agentId: agentB, joinedAt: at(22), leftAt: at(142), joinedBy: 'answer', leftBy: 'call-ended' }]);
    expect(r.recordings).toEqual([{ recordingId: 'r1', startedAt: at(22), stoppedAt: at(142), path: 'recordings/r1.wav', durationSeconds: 120 }]);
  });

  it('reduces an abandoned call and withdraws the offer that was still ringing', () => {
    // enqueue 5, offer at 6, caller hangs up at 9 → wait 9 − 5 = 4 s; the offer rang 9 − 6 = 3 s.
    const r = timeline().started().at(5).enqueued().at(6).offered('o1', agentA).at(9).abandoned().record();
    expect(r).toMatchObject({
      status: 'ended',
      waitOutcome: 'abandoned',
      waitSeconds: 4,
      answeredAt: null,
      talkSeconds: null,
      holdSeconds: 0,
      wrapUpSeconds: 0,
      handleSeconds: null,
      endedBy: 'customer',
      endCause: 'abandoned',
    });
    expect(r.offers[0]).toMatchObject({ result: 'withdrawn', endedAt: at(9), ringingSeconds: 3 });
  });

  it('reduces a consult transfer between two agents', () => {
    const r = timeline()
      .started()
      .at(10).enqueued(sales)
      .at(20).answered(agentA)
      .at(50).add('call.held', { agentId: agentA })
      .add('transfer.initiated', { transferId: 't1', kind: 'consult', fromAgentId: agentA, target: { kind: 'agent', agentId: agentB } })
      .at(80).add('transfer.completed', { transferId: 't1', toAgentId: agentB })
      .wrapUp(agentA, 80, 100)
      .at(200).ended('customer')
      .wrapUp(agentB, 200, 230)
      .record();
    // hold    = 80 − 50 (the completed transfer takes the caller off hold)   = 30 s
    // talk    = connected 20 → 200 = 180 (A until 80, B from 80), less hold  = 150 s
    // wrap-up = A 100 − 80 = 20, B 230 − 200 = 30                            = 50 s
    // handle  = 150 + 30 + 50                                                = 230 s
    expect(r).toMatchObject({ waitSeconds: 10, holdCount: 1, holdSeconds: 30, talkSeconds: 150, wrapUpSeconds: 50, handleSeconds: 230 });
    expect(r.agents).toEqual([
      { agentId: agentA, joinedAt: at(20), leftAt: at(80), joinedBy: 'answer', leftBy: 'transfer' },
      { agentId: agentB, joinedAt: at(80), leftAt: at(200), joinedBy: 'transfer', leftBy: 'call-ended' },
    ]);
    expect(r.transfers).toEqual([
      {
        transferId: 't1',
        kind: 'consult',
        fromAgentId: agentA,
        target: { kind: 'agent', agentId: agentB },
        toAgentId: agentB,
        initiatedAt: at(50),
        endedAt: at(80),
        result: 'completed',
        failureReason: null,
      },
    ]);
  });

  it('reduces a blind transfer between two agents: the first leaves at once, the ringing is nobody\'s talk', () => {
    const r = timeline()
      .started()
      .at(10).enqueued(sales)
      .at(20).answered(agentA)
      .at(50).add('call.held', { agentId: agentA })
      .at(60).add('transfer.initiated', { transferId: 't1', kind: 'blind', fromAgentId: agentA, target: { kind: 'agent', agentId: agentB } })
      .wrapUp(agentA, 60, 90)
      .at(70).add('transfer.completed', { transferId: 't1', toAgentId: agentB })
      .at(130).ended('customer')
      .record();
    // hold = 60 − 50 (A left) = 10 s; talk = A 20 → 60 and B 70 → 130, less hold = 40 + 60 − 10 = 90 s.
    expect(r).toMatchObject({ holdCount: 1, holdSeconds: 10, talkSeconds: 90, wrapUpSeconds: 30 });
    expect(r.agents).toEqual([
      { agentId: agentA, joinedAt: at(20), leftAt: at(60), joinedBy: 'answer', leftBy: 'transfer' },
      { agentId: agentB, joinedAt: at(70), leftAt: at(130), joinedBy: 'transfer', leftBy: 'call-ended' },
    ]);
    expect(r.transfers[0]).toMatchObject({ kind: 'blind', fromAgentId: agentA, toAgentId: agentB, result: 'completed', initiatedAt: at(60), endedAt: at(70) });
  });

  it('counts a conference’s overlapping agents once in talk time', () => {
    // A 10 → 70, B 40 → 100: connected 10 → 100 = 90 s (not 60 + 60 = 120).
    const r = timeline()
      .started()
      .enqueued()
      .at(10).answered(agentA)
      .at(40).add('conference.joined', { byAgentId: agentA, party: { kind: 'agent', agentId: agentB } })
      .at(70).add('agent.hung-up', { agentId: agentA })
      .at(100).ended('customer')
      .record();
    expect(r.talkSeconds).toBe(90);
    expect(r.endedBy).toBe('customer');
    expect(r.agents.map((a) => [a.agentId, a.joinedBy, a.leftBy])).toEqual([
      [agentA, 'answer', 'hung-up'],
      [agentB, 'conference', 'call-ended'],
    ]);
  });

  it('says the agent ended a call when the agent hung up and the caller went on to the survey', () => {
    const r = timeline()
      .started()
      .enqueued()
      .at(5).answered(agentA)
      .at(65).add('agent.hung-up', { agentId: agentA })
      .add('ivr.node-entered', { flowId: 'main', nodeId: 'survey', nodeType: 'survey' })
      .at(70).add('digit.pressed', { nodeId: 'survey', digit: '4', masked: false })
      .add('survey.scored', { survey: 'csat', question: 'overall', score: 4, maxScore: 5 })
      .at(75).add('digit.pressed', { nodeId: 'survey', digit: '5', masked: false })
      .add('survey.scored', { survey: 'csat', question: 'agent', score: 5, maxScore: 5 })
      .at(78).ended('system', 'survey-complete')
      .record();
    // Talk ends when the agent leaves (65), not when the survey ends (78): 65 − 5 = 60 s.
    expect(r).toMatchObject({ talkSeconds: 60, endedBy: 'agent', endCause: 'survey-complete', surveyScore: 4, endedAt: at(78) });
    expect(r.surveyAnswers.map((a) => a.score)).toEqual([4, 5]);
  });

  it('keeps a call whose end was never recorded open, measuring it only when told the time', () => {
    const b = timeline().started().at(10).enqueued().at(20).answered(agentA).at(30).add('call.held', { agentId: agentA });
    const unknown = b.record();
    // The wait is over (20 − 10 = 10 s); talk and hold are still running, so unknown.
    expect(unknown).toMatchObject({ status: 'in-progress', endedAt: null, endedBy: null, waitSeconds: 10, talkSeconds: null, holdSeconds: null, handleSeconds: null });
    // Live view at 100 s: hold 30 → 100 = 70 s; talk = 20 → 100 = 80, less hold = 10 s.
    expect(b.record(at(100))).toMatchObject({ status: 'in-progress', holdSeconds: 70, talkSeconds: 10, wrapUpSeconds: 0, handleSeconds: 80 });
  });

  it('measures a caller still waiting up to now, and not at all without it', () => {
    const b = timeline().started().at(10).enqueued(sales).at(12).offered('o1', agentA);
    expect(b.record()).toMatchObject({ waitOutcome: 'waiting', waitSeconds: null, queueId: sales });
    expect(b.record().offers[0]).toMatchObject({ result: null, ringingSeconds: null });
    expect(b.record(at(40))).toMatchObject({ waitOutcome: 'waiting', waitSeconds: 30 });
    expect(b.record(at(40)).offers[0]).toMatchObject({ result: null, ringingSeconds: 28 });
  });

  it('counts an overflowed call in the queue that answered it, waiting from the first entry', () => {
    const r = timeline()
      .started()
      .at(2).enqueued(sales)
      .at(32).add('queue.overflowed', { fromQueueId: sales, toQueueId: support, reason: 'max-wait' })
      .at(47).answered(agentB)
      .at(100).ended('agent', 'hangup', agentB)
      .record();
    expect(r).toMatchObject({ queueId: support, enqueuedAt: at(2), waitSeconds: 45, waitOutcome: 'answered', endedBy: 'agent' });
    expect(r.queues).toEqual([
      { queueId: sales, enteredAt: at(2), leftAt: at(32), outcome: 'overflowed' },
      { queueId: support, enteredAt: at(32), leftAt: at(47), outcome: 'answered' },
    ]);
  });

  it('counts only the first wait after a transfer back into a queue', () => {
    const r = timeline()
      .started()
      .enqueued(sales)
      .at(8).answered(agentA)
      .at(30).add('transfer.initiated', { transferId: 't1', kind: 'blind', fromAgentId: agentA, target: { kind: 'queue', queueId: support } })
      .add('transfer.completed', { transferId: 't1', toAgentId: null })
      .enqueued(support)
      .at(50).answered(agentB)
      .at(90).ended('customer')
      .record();
    // wait = 8 s (first wait only); talk = (30 − 8) + (90 − 50) = 22 + 40 = 62 s.
    expect(r).toMatchObject({ queueId: sales, waitSeconds: 8, answeredAt: at(8), talkSeconds: 62 });
    expect(r.queues.map((q) => [q.queueId, q.outcome])).toEqual([
      [sales, 'answered'],
      [support, 'answered'],
    ]);
  });

  it('keeps a PIN out of the record while keeping every key press in the timeline', () => {
    const b = timeline().started().add('ivr.node-entered', { flowId: 'self', nodeId: 'pin', nodeType: 'collect' });
    for (let i = 0; i < 4; i++) b.add('digit.pressed', { nodeId: 'pin', digit: null, masked: true });
    b.add('ivr.input-collected', { nodeId: 'pin', name: 'pin', value: null, masked: true, status: 'ok' }).at(20).ended('system', 'self-service', null);
    const r = b.record();
    expect(r.ivrInputs).toEqual([{ nodeId: 'pin', name: 'pin', value: null, masked: true, status: 'ok', at: T0 }]);
    expect(b.events.filter((e) => e.type === 'digit.pressed')).toHaveLength(4);
    expect(r).toMatchObject({ endCause: 'self-service', endedBy: 'system', waitSeconds: null, waitOutcome: null, queueId: null, talkSeconds: null });
  });

  it('reduces an outbound call with no queue: no wait, talk from the answer', () => {
    const r = timeline()
      .started({ direction: 'outbound', agentId: agentA, ani: '1000', dnis: '+15555550123' })
      .at(12).answered(agentA)
      .at(72).ended('agent', 'hangup', agentA)
      .wrapUp(agentA, 72, 82)
      .record();
    expect(r).toMatchObject({ direction: 'outbound', waitSeconds: null, enqueuedAt: null, talkSeconds: 60, wrapUpSeconds: 10, handleSeconds: 70 });
  });

  it('records a callback placed later, and a voicemail', () => {
    const callbackCallId = '00000000-0000-4000-8000-000000000002';
    const r = timeline()
      .started()
      .enqueued()
      .at(30).add('callback.requested', { number: '+15555550100', queueId: sales, scheduledFor: null })
      .add('queue.exited', { queueId: sales, reason: 'callback' })
      .at(31).ended('system', 'callback')
      .at(600).add('callback.placed', { callbackCallId })
      .record();
    expect(r).toMatchObject({ waitOutcome: 'exited', waitSeconds: 30, endCause: 'callback' });
    expect(r.callback).toEqual({ number: '+15555550100', queueId: sales, scheduledFor: null, requestedAt: at(30), callbackCallId });

    const vm = timeline()
      .started()
      .enqueued()
      .at(60).add('queue.exited', { queueId: sales, reason: 'voicemail' })
      .at(90).ended('customer')
      .add('voicemail.left', { recordingId: 'vm1', path: 'voicemail/vm1.wav', durationSeconds: 28, queueId: sales })
      .record();
    expect(vm.voicemail).toEqual({ recordingId: 'vm1', path: 'voicemail/vm1.wav', durationSeconds: 28, at: at(90) });
  });

  it('sorts events by seq and skips events a stored timeline should never hold', () => {
    const b = timeline(0, { strict: false }).started().enqueued().at(5).answered(agentA);
    b.add('call.resumed', { agentId: agentA }); // no hold to resume
    b.add('agent.hung-up', { agentId: agentB }); // not on the call
    b.add('offer.ended', { offerId: 'nope', agentId: agentA, result: 'rejected' });
    b.at(25).ended('customer');
    const r = reduceCallRecord(ids.call, [...b.events].reverse());
    expect(r).toMatchObject({ talkSeconds: 20, holdCount: 0, holdSeconds: 0, endedBy: 'customer' });
    expect(r.agents).toHaveLength(1);
  });

  it('refuses a timeline that does not begin with call.started', () => {
    const events = timeline().started().enqueued().events.slice(1);
    expect(() => reduceCallRecord(ids.call, events)).toThrow(/does not begin with call.started/);
  });

  it('maps to the API shape: every field of the contract, times in ISO 8601', () => {
    const examples = [
      timeline().started().at(5).enqueued().at(9).abandoned().record(),
      timeline().started().enqueued().offered('o1', agentA).at(3).answered(agentA, 'o1').at(60).record(at(70)),
      timeline()
        .started()
        .enqueued()
        .answered(agentA)
        .add('conference.joined', { byAgentId: agentA, party: { kind: 'number', number: '+4930123' } })
        .add('transfer.initiated', { transferId: 't', kind: 'blind', fromAgentId: agentA, target: { kind: 'number', number: '+4930999' } })
        .add('recording.started', { recordingId: 'r' })
        .at(9).ended('customer')
        .add('ticket.linked', { agentId: agentA, ticketId: 'T-7' })
        .add('disposition.set', { agentId: agentA, code: 'sale', notes: '' })
        .record(),
      timeline()
        .started()
        .enqueued()
        .add('callback.requested', { number: '+15555550100', queueId: sales, scheduledFor: iso(3600) })
        .add('queue.exited', { queueId: sales, reason: 'callback' })
        .add('voicemail.left', { recordingId: 'vm', path: null, durationSeconds: 3, queueId: null })
        .at(4).ended('system', 'callback')
        .add('callback.placed', { callbackCallId: ids.call })
        .record(),
    ];
    for (const record of examples) {
      const dto = toCallRecordDto(record);
      expect(CallRecordSchema.parse(dto)).toEqual(dto);
      expect(Object.keys(dto).sort()).toEqual(Object.keys(CallRecordSchema.shape).sort());
    }
    expect(toCallRecordDto(examples[0]!)).toMatchObject({ startedAt: iso(0), enqueuedAt: iso(5), endedAt: iso(9) });
    expect(examples[2]).toMatchObject({ ticketIds: ['T-7'], disposition: 'sale' });
    expect(toCallRecordDto(examples[3]!).callback).toMatchObject({ scheduledFor: iso(3600), requestedAt: iso(0) });
    expect(toCallEventDto(timeline().started().events[0]!)).toMatchObject({ seq: 1, type: 'call.started', at: iso(0) });
  });
});
