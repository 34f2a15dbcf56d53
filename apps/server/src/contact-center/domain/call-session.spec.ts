import { describe, expect, it } from 'vitest';
import { reduceCallRecord } from '../../calls/domain/call-record.js';
import { loadSupportFlow } from '../../ivr/demo-flow.js';
import { CallSession } from './call-session.js';
import { PROMPT_COVER_MS } from './ivr-driver.js';
import { AGENT, ALICE, CALLER, type DirectCall, flush, SUPPORT, T0, world } from './session-test-kit.js';

describe(CallSession.name, () => {
  it('answers, reads the caller lists, greets, and walks the main menu by keys to the Support queue with music', async () => {
    const sut = world();
    sut.session.start();
    expect(sut.commands).toEqual([{ command: 'answer', legId: 'customer-leg' }]);
    expect(sut.timeline()[0]).toMatchObject({ type: 'call.started', data: { direction: 'inbound', channel: 'trunk', ani: CALLER, dnis: '1000', entryPoint: 'main-ivr' } });
    await sut.answerCustomer();
    expect(sut.spoken()).toBe('欢迎致电示例公司。 Welcome to Example Company.');

    // The language prompts play interruptibly, with a collect whose timer outlasts them …
    sut.finishPlayback();
    expect(sut.spoken()).toBe('普通话服务请按1。 For English, press 2.');
    expect(sut.commandsOf('collect').at(-1)).toMatchObject({ maxDigits: 1, firstDigitTimeoutMs: PROMPT_COVER_MS });
    // … and when they end with no key, the collect starts again with the flow's 5 s.
    sut.advance(3000);
    sut.finishPlayback();
    expect(sut.commandsOf('collect').at(-1)).toMatchObject({ maxDigits: 1, firstDigitTimeoutMs: 5000 });
    await sut.press('2');
    expect(sut.spoken()).toMatch(/^For sales, press 1\. For support, press 2\./);
    // A key during the menu's prompt stops it and is the answer; no second collect is sent.
    const collects = sut.commandsOf('collect').length;
    await sut.press('2');
    expect(sut.commandsOf('collect')).toHaveLength(collects + 1);
    expect(sut.spoken()).toMatch(/^For internet, press 1\./);
    await sut.press('0');
    sut.finishPlayback();

    // The node's skill and the caller's language: agents must have both as well as the queue's.
    const skills = [{ skill: 'support', minLevel: 1 }, { skill: 'english', minLevel: 1 }];
    expect(sut.enqueued).toEqual([{ contactId: sut.session.callId, queueId: SUPPORT, priority: 0, callerNumber: CALLER, skills }]);
    expect(sut.session.phase).toBe('queued');
    expect(sut.commands.at(-1)).toMatchObject({ command: 'play', playbackId: 'moh', prompts: [{ kind: 'music' }], loop: true });
    expect(sut.of('queue.entered')[0]!.data).toEqual({ queueId: SUPPORT, priority: 0, skills: [{ skill: 'support', minLevel: 1 }, { skill: 'english', minLevel: 1 }], position: 1 });
    expect(sut.of('ivr.node-entered').map((e) => e.data.nodeId)).toEqual([
      'init', 'screen-caller', 'lookup-caller', 'greeting', 'choose-language', 'hours', 'main-menu', 'support-menu', 'support-queue',
    ]);
    expect(sut.of('digit.pressed').map((e) => `${e.data.nodeId}:${e.data.digit}`)).toEqual(['choose-language:2', 'main-menu:2', 'support-menu:0']);
    expect(sut.of('ivr.input-collected').map((e) => [e.data.nodeId, e.data.name, e.data.value, e.data.status])).toEqual([
      ['choose-language', 'language', '2', 'ok'],
      ['main-menu', 'digits', '2', 'ok'],
      ['support-menu', 'digits', '0', 'ok'],
    ]);
  });

  it('lets a key cut the greeting short without also answering the language question', async () => {
    const sut = world();
    sut.session.start();
    await sut.answerCustomer();
    await sut.press('2');
    expect(sut.spoken()).toBe('普通话服务请按1。 For English, press 2.');
    expect(sut.of('digit.pressed').map((e) => e.data.nodeId)).toEqual(['greeting']);
    await sut.press('2');
    expect(sut.spoken()).toMatch(/^For sales, press 1\./);
    expect(sut.of('digit.pressed').map((e) => e.data.nodeId)).toEqual(['greeting', 'choose-language']);
  });

  it('rings the agent the ACD picked with the screen pop, bridges on answer, and records wait and talk', async () => {
    const sut = world();
    await sut.toSupportQueue();
    const enqueuedAt = sut.now;
    sut.advance(500);
    const { offerId, legId } = sut.offer();
    // `near`: the agent's media goes where the customer's is, so their bridge relays in one worker.
    expect(sut.commandsOf('originate').at(-1)).toEqual({ command: 'originate', legId, to: { kind: 'user', sipUser: '2002' }, callerId: CALLER, timeoutMs: 15_000, near: 'customer-leg' });
    expect(sut.offers[0]).toMatchObject({ agentId: AGENT, tabId: 'tab-1', offer: { offerId, callId: sut.session.callId, callerNumber: CALLER, language: 'en', flowId: 'demo-main', callback: false } });
    expect(sut.offers[0]!.offer.path.map((step) => step.nodeId)).toContain('support-menu');
    expect(sut.offers[0]!.offer.inputs).toMatchObject({ language: 'en', digits: '0' });

    sut.advance(2000);
    sut.emit({ event: 'answered', legId, at: sut.now });
    expect(sut.acdCalls.at(-1)).toBe(`accepted ${offerId} ${AGENT}`);
    sut.decide({ type: 'connect', contactId: sut.session.callId, queueId: SUPPORT, agentId: AGENT, waitedMs: 2500 });
    expect(sut.session.phase).toBe('connected');
    expect(sut.playingOn()).toBeNull(); // the music stopped before the bridge
    const bridge = sut.commandsOf('bridge')[0]!;
    expect(bridge.legIds).toEqual(['customer-leg', legId]);
    expect(sut.commandsOf('recordStart')[0]).toMatchObject({ bridgeId: bridge.bridgeId });
    expect(sut.offersEnded).toEqual([`${AGENT} ${offerId} answered`]);
    expect(sut.connections).toEqual([`${AGENT} ${sut.session.callId}`]);

    sut.advance(7000);
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    expect(sut.commands.slice(-2)).toEqual([
      { command: 'unbridge', bridgeId: bridge.bridgeId },
      { command: 'hangup', legId },
    ]);
    expect(sut.acdCalls.at(-1)).toBe(`call ended ${AGENT}`);
    expect(sut.types().slice(-6)).toEqual(['queue.entered', 'offer.made', 'call.answered', 'recording.started', 'call.ended', 'recording.stopped']);
    expect(sut.of('call.ended')[0]!.data).toEqual({ by: 'customer', agentId: null, cause: 'hangup', detail: 'remote-bye' });
    sut.emit({ event: 'hangup', legId, cause: 'local', at: sut.now });
    expect(sut.session.finished).toBe(true);

    const record = reduceCallRecord(sut.session.callId, sut.timeline());
    expect(record.waitSeconds).toBe((enqueuedAt + 2500 - enqueuedAt) / 1000);
    expect(record.talkSeconds).toBe(7);
    expect(record.endedBy).toBe('customer');
    expect(record.agents.map((a) => a.agentId)).toEqual([AGENT]);
  });

  it('lets the offer go when the phone rejects it or it rings out, and keeps the caller waiting', async () => {
    const sut = world();
    await sut.toSupportQueue();
    const first = sut.offer();
    sut.emit({ event: 'hangup', legId: first.legId, cause: 'rejected', at: sut.now });
    expect(sut.acdCalls.at(-1)).toBe(`rejected ${first.offerId} ${AGENT}`);
    sut.decide({ type: 'offerRevoked', offerId: first.offerId, contactId: sut.session.callId, agentIds: [AGENT], reason: 'rejected', offerEnded: true });
    expect(sut.of('offer.ended').map((e) => e.data.result)).toEqual(['rejected']);

    const second = sut.offer(`${sut.session.callId}#2`);
    sut.advance(15_000);
    sut.decide({ type: 'offerRevoked', offerId: second.offerId, contactId: sut.session.callId, agentIds: [AGENT], reason: 'timeout', offerEnded: true });
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId: second.legId });
    expect(sut.of('offer.ended').map((e) => e.data.result)).toEqual(['rejected', 'timed-out']);
    expect(sut.offersEnded.map((e) => e.split(' ')[2])).toEqual(['rejected', 'timeout']);
    expect(sut.session.phase).toBe('queued');
    expect(sut.playingOn()).toBe('moh');
  });

  it('marks a failed originate as a failed offer', async () => {
    const sut = world({ refuse: (c) => c.command === 'originate' });
    await sut.toSupportQueue();
    const { offerId } = sut.offer();
    await flush();
    expect(sut.acdCalls.at(-1)).toBe(`rejected ${offerId} ${AGENT}`);
    sut.decide({ type: 'offerRevoked', offerId, contactId: sut.session.callId, agentIds: [AGENT], reason: 'rejected', offerEnded: true });
    expect(sut.of('offer.ended')[0]!.data.result).toBe('failed');
  });

  it('records a caller who hangs up in the queue as abandoned, and stops the ringing', async () => {
    const sut = world();
    await sut.toSupportQueue();
    const { offerId, legId } = sut.offer();
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    expect(sut.acdCalls.at(-1)).toBe(`abandon ${sut.session.callId}`);
    sut.decide({ type: 'offerRevoked', offerId, contactId: sut.session.callId, agentIds: [AGENT], reason: 'abandoned', offerEnded: true });
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId });
    expect(sut.types().slice(-3)).toEqual(['offer.made', 'queue.abandoned', 'offer.ended']);
    expect(sut.session.finished).toBe(true);
  });

  it('lets the agent go when the caller hangs up between the answer and the connect', async () => {
    const sut = world();
    await sut.toSupportQueue();
    const { legId } = sut.offer();
    sut.emit({ event: 'answered', legId, at: sut.now });
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    sut.decide({ type: 'connect', contactId: sut.session.callId, queueId: SUPPORT, agentId: AGENT, waitedMs: 100 });
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId });
    expect(sut.acdCalls.slice(-2)).toEqual([`abandon ${sut.session.callId}`, `call ended ${AGENT}`]);
    expect(sut.commandsOf('bridge')).toEqual([]);
    expect(sut.session.finished).toBe(true);
  });

  it('announces position and wait, and turns the wait into a callback on 1 that an agent later places', async () => {
    const sut = world();
    await sut.toSupportQueue();
    sut.decide({ type: 'announce', contactId: sut.session.callId, queueId: SUPPORT, position: 2, ewtSeconds: 150 });
    expect(sut.spoken()).toBe('You are number 2 in the queue. Your estimated waiting time is about 3 minutes. To be called back instead, press 1.');
    sut.finishPlayback();
    expect(sut.playingOn()).toBe('moh');
    await sut.press('1');
    expect(sut.acdCalls.at(-1)).toBe(`callback ${sut.session.callId} ${CALLER}`);
    expect(sut.spoken()).toMatch(/^Thank you\. We will call you back on plus 1 4 1 5/);
    sut.finishPlayback();
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId: 'customer-leg' });
    expect(sut.types().slice(-5)).toEqual(['queue.announcement', 'digit.pressed', 'callback.requested', 'queue.exited', 'call.ended']);
    expect(sut.of('call.ended')[0]!.data).toMatchObject({ by: 'system', cause: 'callback' });
    expect(sut.session.phase).toBe('callback-wait');

    // Later an agent is free: the offer rings them (not on the ended record), then the customer is dialled.
    const { offerId, legId } = sut.offer(`${sut.session.callId}#1`, true);
    expect(sut.offers[0]!.offer.callback).toBe(true);
    expect(sut.of('offer.made')).toEqual([]);
    sut.emit({ event: 'answered', legId, at: sut.now });
    sut.decide({ type: 'dialCallback', contactId: sut.session.callId, queueId: SUPPORT, agentId: AGENT, number: CALLER });
    const dial = sut.commandsOf('originate').at(-1)!;
    expect(dial).toMatchObject({ to: { kind: 'trunk', number: CALLER }, callerId: '1000', timeoutMs: 30_000 });
    const callbackId = sut.callIds().find((id) => id !== sut.session.callId)!;
    expect(sut.of('call.started', callbackId)[0]!.data).toEqual({
      direction: 'outbound', channel: 'trunk', ani: '1000', dnis: CALLER, entryPoint: 'main-ivr', agentId: AGENT, callbackOfCallId: sut.session.callId,
    });
    expect(sut.of('callback.placed')[0]!.data).toEqual({ callbackCallId: callbackId });
    expect(offerId).toBeTruthy();
    expect(sut.viewOf(AGENT)).toMatchObject({ callId: callbackId, phase: 'dialing', direction: 'outbound', customerNumber: CALLER });

    sut.advance(4000);
    sut.emit({ event: 'answered', legId: dial.legId, at: sut.now });
    expect(sut.commandsOf('bridge').at(-1)!.legIds).toEqual([dial.legId, legId]);
    expect(sut.connections).toEqual([`${AGENT} ${callbackId}`]);
    expect(sut.viewOf(AGENT)).toMatchObject({ callId: callbackId, phase: 'talking', direction: 'outbound' });
    sut.advance(10_000);
    sut.emit({ event: 'hangup', legId, cause: 'remote-bye', at: sut.now });
    expect(sut.types(callbackId)).toEqual(['call.started', 'call.answered', 'recording.started', 'recording.stopped', 'call.ended']);
    expect(sut.of('recording.stopped', callbackId)[0]!.data).toMatchObject({ path: 'call.wav', durationSeconds: 4 });
    expect(sut.of('call.ended', callbackId)[0]!.data).toEqual({ by: 'agent', agentId: AGENT, cause: 'hangup', detail: null });
    expect(reduceCallRecord(callbackId, sut.timeline(callbackId)).talkSeconds).toBe(10);
    expect(sut.acdCalls.at(-1)).toBe(`call ended ${AGENT}`);
  });

  it('sends a caller past the maximum wait to voicemail: records the message, files it to the queue, says goodbye', async () => {
    const sut = world();
    await sut.toSupportQueue();
    sut.advance(120_000);
    sut.decide({ type: 'maxWait', contactId: sut.session.callId, queueId: SUPPORT, outcome: 'voicemail' });
    expect(sut.session.phase).toBe('ivr');
    expect(sut.spoken()).toBe('Please leave your message after the tone. Press hash when you are done. tone');
    expect(sut.commandsOf('recordLeg')).toEqual([]);
    sut.finishPlayback();
    const [record] = sut.commandsOf('recordLeg');
    expect(record).toMatchObject({ command: 'recordLeg', legId: 'customer-leg', maxDurationMs: 120_000, stopDigits: '#' });
    // Named after the session, so the adapter finds the session by the id's prefix.
    expect(record!.recordingId.startsWith(`${sut.session.callId}.vm`)).toBe(true);
    sut.advance(9000);
    await sut.press('#');
    sut.emit({ event: 'recordingDone', recordingId: record!.recordingId, path: '/data/recordings/x.vm7.wav', durationMs: 8960, reason: 'digit', at: sut.now });
    expect(sut.of('voicemail.left').map((e) => e.data)).toEqual([{ recordingId: record!.recordingId, path: 'x.vm7.wav', durationSeconds: 8.96, queueId: SUPPORT }]);
    expect(sut.spoken()).toBe('Thank you for calling. Goodbye.');
    expect(sut.types()).toEqual(expect.arrayContaining(['queue.exited', 'voicemail.left']));
    expect(reduceCallRecord(sut.session.callId, sut.timeline()).voicemail).toMatchObject({ recordingId: record!.recordingId, durationSeconds: 8.96 });
  });

  it('keeps a voicemail the caller ends by hanging up, and is finished only once its file is filed', async () => {
    const sut = world();
    await sut.toSupportQueue();
    sut.decide({ type: 'maxWait', contactId: sut.session.callId, queueId: SUPPORT, outcome: 'voicemail' });
    sut.finishPlayback();
    const [record] = sut.commandsOf('recordLeg');
    sut.advance(5000);
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    expect(sut.of('call.ended')).toHaveLength(1);
    expect(sut.session.finished).toBe(false);
    sut.emit({ event: 'recordingDone', recordingId: record!.recordingId, path: '/data/recordings/vm.wav', durationMs: 5000, reason: 'hangup', at: sut.now });
    expect(sut.session.finished).toBe(true);
    expect(sut.types().slice(-2)).toEqual(['call.ended', 'voicemail.left']);
    expect(reduceCallRecord(sut.session.callId, sut.timeline()).voicemail).toMatchObject({ path: 'vm.wav', durationSeconds: 5 });
  });

  it('keeps no voicemail shorter than a second (a hang-up at the beep), nor one the gateway could not record', async () => {
    const short = world();
    await short.toSupportQueue();
    short.decide({ type: 'maxWait', contactId: short.session.callId, queueId: SUPPORT, outcome: 'voicemail' });
    short.finishPlayback();
    short.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: short.now });
    short.emit({ event: 'recordingDone', recordingId: short.commandsOf('recordLeg')[0]!.recordingId, path: '/r/vm.wav', durationMs: 400, reason: 'hangup', at: short.now });
    expect(short.of('voicemail.left')).toEqual([]);
    expect(short.session.finished).toBe(true);

    const refused = world({ refuse: (command) => command.command === 'recordLeg' });
    await refused.toSupportQueue();
    refused.decide({ type: 'maxWait', contactId: refused.session.callId, queueId: SUPPORT, outcome: 'voicemail' });
    refused.finishPlayback();
    await flush();
    expect(refused.warnings).toContain('the voicemail could not be recorded');
    expect(refused.spoken()).toBe('Thank you for calling. Goodbye.');
  });

  it('puts the caller through to an extension from the IVR: music while it rings, bridged and recorded on answer, back to the survey when it hangs up', async () => {
    const sut = world();
    await sut.toRouterSpecialist();
    expect(sut.session.phase).toBe('transfer');
    expect(sut.acdCalls).toContain('direct {"extension":"2003"} → not-an-agent');
    const [originate] = sut.commandsOf('originate');
    expect(originate).toMatchObject({ to: { kind: 'user', sipUser: '2003' }, callerId: CALLER, timeoutMs: 30_000 });
    expect(sut.playingOn()).toBe('moh');
    sut.advance(4000);
    sut.emit({ event: 'answered', legId: originate!.legId, at: sut.now });
    expect(sut.playingOn()).toBeNull();
    expect(sut.commandsOf('bridge')).toEqual([expect.objectContaining({ legIds: ['customer-leg', originate!.legId] })]);
    expect(sut.commandsOf('recordStart')).toHaveLength(1);
    sut.advance(60_000);
    sut.emit({ event: 'hangup', legId: originate!.legId, cause: 'remote-bye', at: sut.now });
    expect(sut.session.phase).toBe('ivr');
    expect(sut.spoken()).toMatch(/^Please rate our service/);
    const record = reduceCallRecord(sut.session.callId, sut.timeline());
    expect(record.transfers).toEqual([
      expect.objectContaining({ fromAgentId: null, target: { kind: 'number', number: '2003' }, toAgentId: null, result: 'completed', initiatedAt: T0 + 0, endedAt: sut.now - 60_000 }),
    ]);
    expect(record.recordings).toHaveLength(1);
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    expect(sut.session.finished).toBe(true);
  });

  it('takes a free agent through the ACD for a transfer to their extension, and frees them when the caller hangs up', async () => {
    const sut = world({ direct: () => ({ status: 'taken', agentId: AGENT, extension: '2002' }) });
    await sut.toRouterSpecialist();
    const [originate] = sut.commandsOf('originate');
    expect(originate).toMatchObject({ to: { kind: 'user', sipUser: '2002' } });
    sut.advance(3000);
    sut.emit({ event: 'answered', legId: originate!.legId, at: sut.now });
    expect(sut.connections).toEqual([`${AGENT} ${sut.session.callId}`]);
    sut.advance(45_000);
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId: originate!.legId });
    expect(sut.acdCalls.at(-1)).toBe(`call ended ${AGENT}`);
    const record = reduceCallRecord(sut.session.callId, sut.timeline());
    expect(record).toMatchObject({ endedBy: 'customer', talkSeconds: 45 });
    expect(record.agents).toEqual([expect.objectContaining({ agentId: AGENT, joinedBy: 'transfer' })]);
    expect(record.transfers[0]).toMatchObject({ target: { kind: 'agent', agentId: AGENT }, toAgentId: AGENT, result: 'completed' });
  });

  it.each([
    ['the agent is busy', { direct: (): DirectCall => ({ status: 'busy', agentId: AGENT }) }, null, 'busy'],
    ['nobody answers', {}, 'no-answer', 'no-answer'],
    ['the phone is busy', {}, 'busy', 'busy'],
  ] as const)('follows the node\'s onFailure (the Support queue) when %s, recording why', async (_case, options, cause, reason) => {
    const sut = world(options);
    await sut.toRouterSpecialist();
    if (cause) sut.emit({ event: 'hangup', legId: sut.commandsOf('originate')[0]!.legId, cause, at: sut.now });
    else expect(sut.commandsOf('originate')).toEqual([]);
    expect(sut.of('transfer.failed').map((e) => e.data.reason)).toEqual([reason]);
    expect(sut.spoken()).toBe('Connecting you to support.');
    sut.finishPlayback();
    expect(sut.session.phase).toBe('queued');
  });

  it('cancels a ringing transfer when the caller hangs up', async () => {
    const sut = world();
    await sut.toRouterSpecialist();
    const [originate] = sut.commandsOf('originate');
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId: originate!.legId });
    expect(sut.types().slice(-2)).toEqual(['transfer.failed', 'call.ended']);
    expect(sut.of('transfer.failed')[0]!.data.reason).toBe('cancelled');
    expect(sut.session.finished).toBe(true);
  });

  it('records the account number but masks the PIN, and speaks the balance it verified', async () => {
    const sut = world();
    sut.session.start();
    await sut.answerCustomer();
    sut.finishPlayback();
    await sut.press('2'); // English
    await sut.press('3'); // balance
    await sut.press('10002#');
    await sut.press('4321');
    await flush();
    expect(sut.spoken()).toMatch(/^Thank you, Alice Johnson\. The balance of account 1 0 0 0 2 is 250/);
    const pinDigits = sut.of('digit.pressed').filter((e) => e.data.nodeId === 'ss-pin');
    expect(pinDigits.map((e) => [e.data.digit, e.data.masked])).toEqual([[null, true], [null, true], [null, true], [null, true]]);
    expect(sut.of('ivr.input-collected').slice(-2).map((e) => e.data)).toEqual([
      { nodeId: 'ss-account', name: 'account', value: '10002', masked: false, status: 'ok' },
      { nodeId: 'ss-pin', name: 'pin', value: null, masked: true, status: 'ok' },
    ]);
    expect(sut.of('crm.matched')[0]!.data).toEqual({ customerId: ALICE.id, matchedBy: 'ivr-input' });
    expect(JSON.stringify(sut.timeline())).not.toContain('4321');
  });

  it('records a customer the adapter found by a web visitor\'s declared identity as such, and pops it with that reason', async () => {
    const visitor = 'widget.1001.AbCdEf123';
    const sut = world({ flow: loadSupportFlow(), from: visitor, findByCaller: async (number) => (number === visitor ? { customer: ALICE, matchedBy: 'web-visitor' } : null) });
    sut.session.start();
    await sut.answerCustomer();
    expect(sut.of('crm.matched').map((e) => e.data)).toEqual([{ customerId: ALICE.id, matchedBy: 'web-visitor' }]);
    sut.finishPlayback();
    sut.offer();
    expect(sut.offers.at(-1)!.offer).toMatchObject({ customerId: ALICE.id, customerMatchedBy: 'web-visitor' });
  });

  it('pops an unknown caller with no reason', async () => {
    const sut = world({ flow: loadSupportFlow(), from: '+14155559999' });
    sut.session.start();
    await sut.answerCustomer();
    expect(sut.of('crm.matched')).toEqual([]);
    sut.finishPlayback();
    sut.offer();
    expect(sut.offers.at(-1)!.offer).toMatchObject({ customerId: null, customerMatchedBy: null });
  });

  it('refuses a blacklisted caller with the goodbye and records why', async () => {
    const sut = world({ callerList: 'blacklist' });
    sut.session.start();
    await sut.answerCustomer();
    expect(sut.spoken()).toMatch(/We are sorry, we cannot take your call/);
    sut.finishPlayback();
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId: 'customer-leg' });
    expect(sut.of('call.ended')[0]!.data).toEqual({ by: 'system', agentId: null, cause: 'refused', detail: 'refused' });
    expect(sut.session.finished).toBe(true);
  });

  it('gives the caller the survey when the agent hangs up first, and records the score', async () => {
    const sut = world({ flow: loadSupportFlow(), from: ALICE.phoneNumber!, callerList: 'vip' });
    sut.session.start();
    await sut.answerCustomer();
    expect(sut.of('crm.matched')[0]!.data).toEqual({ customerId: ALICE.id, matchedBy: 'caller-number' });
    sut.finishPlayback(); // "Thank you for calling support …"
    expect(sut.enqueued[0]).toMatchObject({ priority: 100 });
    const { legId } = sut.offer();
    sut.emit({ event: 'answered', legId, at: sut.now });
    sut.decide({ type: 'connect', contactId: sut.session.callId, queueId: SUPPORT, agentId: AGENT, waitedMs: 10 });
    sut.advance(5000);
    sut.emit({ event: 'hangup', legId, cause: 'remote-bye', at: sut.now });
    expect(sut.of('agent.hung-up')[0]!.data).toEqual({ agentId: AGENT });
    expect(sut.acdCalls.at(-1)).toBe(`call ended ${AGENT}`);
    expect(sut.session.phase).toBe('ivr');
    expect(sut.spoken()).toMatch(/^Please rate our service/);
    await sut.press('5');
    sut.finishPlayback(); // thanks
    expect(sut.of('survey.scored')[0]!.data).toEqual({ survey: 'csat', question: 'satisfaction', score: 5, maxScore: 5 });
    expect(sut.of('call.ended')[0]!.data).toMatchObject({ by: 'system', cause: 'survey-complete' });
    const record = reduceCallRecord(sut.session.callId, sut.timeline());
    expect(record.endedBy).toBe('agent');
    expect(record.surveyScore).toBe(5);
  });
});
