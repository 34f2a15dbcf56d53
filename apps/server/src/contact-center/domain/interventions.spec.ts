import { MonitorErrorCode } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { auditEntryOf } from '../intervention-events.js';
import { INTERVENTION_RING_MS } from './interventions.js';
import { AGENT, AGENT_B, CALLER, flush, SUPPORT, refusal, world } from './session-test-kit.js';

/**
 * Supervisors stepping into a connected call (interventions.ts through conversation.ts), driven
 * the way the adapter drives them: the request, the gateway's events on the supervisor's leg.
 */

const SAM = { supervisorId: 'sup-1', supervisorName: 'Sam Supervisor', sipUser: 'u.supervisor' };
const KIM = { supervisorId: 'sup-2', supervisorName: 'Kim Lead', sipUser: 'u.kim' };

async function supervised(mode: 'listen' | 'whisper' | 'barge' = 'listen') {
  const sut = world();
  const agentLeg = await sut.connected();
  const bridgeId = sut.commandsOf('bridge')[0]!.bridgeId;
  const intervention = sut.session.intervene({ ...SAM, mode });
  return { sut, agentLeg, bridgeId, id: intervention.id };
}

describe('stepping into a call', () => {
  it('rings the supervisor’s softphone as the intervention, and joins the bridge in the chosen role when answered', async () => {
    const { sut, bridgeId, id } = await supervised('listen');
    expect(id.startsWith(`${sut.session.callId}.`)).toBe(true);
    expect(sut.commandsOf('originate').at(-1)).toEqual({ command: 'originate', legId: id, to: { kind: 'user', sipUser: 'u.supervisor' }, callerId: id, timeoutMs: INTERVENTION_RING_MS });
    expect(sut.interventions.map((i) => i.change)).toEqual(['requested']);
    expect(sut.interventions[0]).toMatchObject({ call: { callId: sut.session.callId, customerNumber: CALLER, agentName: 'Bea Agent' }, intervention: { agentId: AGENT, state: 'ringing' } });

    sut.advance(1500);
    sut.emit({ event: 'answered', legId: id, at: sut.now });
    expect(sut.commands.at(-1)).toEqual({ command: 'addParticipant', bridgeId, legId: id, role: 'listen', kind: 'supervisor' });
    expect(sut.interventions.at(-1)).toMatchObject({ change: 'connected', intervention: { state: 'connected', connectedAt: sut.now } });
  });

  it('shows the agent nothing of a silent listen, and names a whisperer or a barging supervisor', async () => {
    const { sut, bridgeId, id } = await supervised('listen');
    const viewsBefore = sut.views.length;
    sut.emit({ event: 'answered', legId: id, at: sut.now });
    // No new view at all: the agent's desk cannot tell.
    expect(sut.views.length).toBe(viewsBefore);
    expect(sut.session.viewFor(AGENT)).not.toHaveProperty('supervisors');

    sut.advance(5000);
    sut.session.changeIntervention(id, SAM.supervisorId, 'whisper');
    expect(sut.commands.at(-1)).toEqual({ command: 'changeRole', bridgeId, legId: id, role: 'whisper' });
    expect(sut.viewOf(AGENT)?.supervisors).toEqual([{ name: 'Sam Supervisor', mode: 'whisper' }]);

    sut.advance(5000);
    sut.session.changeIntervention(id, SAM.supervisorId, 'barge');
    expect(sut.commands.at(-1)).toEqual({ command: 'changeRole', bridgeId, legId: id, role: 'barge' });
    expect(sut.viewOf(AGENT)?.supervisors).toEqual([{ name: 'Sam Supervisor', mode: 'barge' }]);

    sut.session.changeIntervention(id, SAM.supervisorId, 'listen');
    expect(sut.viewOf(AGENT)).not.toHaveProperty('supervisors');
    // Neither the customer's leg nor the call's timeline is touched by any of it.
    expect(sut.commandsOf('hold')).toEqual([]);
    expect(sut.types().filter((t) => t.includes('supervisor') || t.includes('monitor'))).toEqual([]);
  });

  it('ends when the supervisor ends it, and audits start, each mode with its times, and end', async () => {
    const { sut, id } = await supervised('whisper');
    const start = sut.now + 1000;
    sut.advance(1000);
    sut.emit({ event: 'answered', legId: id, at: sut.now });
    expect(sut.viewOf(AGENT)?.supervisors).toEqual([{ name: 'Sam Supervisor', mode: 'whisper' }]);
    sut.advance(4000);
    sut.session.changeIntervention(id, SAM.supervisorId, 'barge');
    sut.advance(3000);
    sut.session.endIntervention(id, SAM.supervisorId);
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId: id });
    expect(sut.viewOf(AGENT)).not.toHaveProperty('supervisors');
    const ended = sut.interventions.at(-1)!;
    expect(ended.intervention).toMatchObject({ state: 'ended', endReason: 'ended', endedAt: start + 7000 });
    // The gateway's hang-up of the leg we hung up changes nothing more.
    sut.emit({ event: 'hangup', legId: id, cause: 'local', at: sut.now });
    expect(sut.interventions.at(-1)).toBe(ended);

    const iso = (ms: number) => new Date(ms).toISOString();
    expect(sut.interventions.map((c) => auditEntryOf(c.call, c.intervention, c.change)?.action ?? null)).toEqual([null, 'monitor/start', 'monitor/mode', 'monitor/end']);
    expect(auditEntryOf(ended.call, ended.intervention, 'ended')).toEqual({
      action: 'monitor/end',
      data: {
        interventionId: id,
        callId: sut.session.callId,
        agentId: AGENT,
        agentName: 'Bea Agent',
        startedAt: iso(start),
        endedAt: iso(start + 7000),
        reason: 'ended',
        modes: [
          { mode: 'whisper', from: iso(start), to: iso(start + 4000) },
          { mode: 'barge', from: iso(start + 4000), to: iso(start + 7000) },
        ],
      },
    });
  });

  it('ends with the call: the customer hangs up, the supervisor’s leg is hung up and the session can finish', async () => {
    const { sut, id } = await supervised('listen');
    sut.emit({ event: 'answered', legId: id, at: sut.now });
    sut.advance(2000);
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    expect(sut.commandsOf('hangup').map((c) => c.legId)).toContain(id);
    expect(sut.interventions.at(-1)?.intervention).toMatchObject({ state: 'ended', endReason: 'call-ended' });
  });

  it('ends when the supervisor’s softphone hangs up, and counts one that never answered as unanswered', async () => {
    const { sut, id } = await supervised('barge');
    sut.emit({ event: 'answered', legId: id, at: sut.now });
    expect(sut.viewOf(AGENT)?.supervisors).toEqual([{ name: 'Sam Supervisor', mode: 'barge' }]);
    sut.emit({ event: 'hangup', legId: id, cause: 'remote-bye', at: sut.now });
    expect(sut.interventions.at(-1)?.intervention).toMatchObject({ state: 'ended', endReason: 'hung-up' });
    expect(sut.viewOf(AGENT)).not.toHaveProperty('supervisors');

    const again = sut.session.intervene({ ...SAM, mode: 'listen' });
    sut.advance(INTERVENTION_RING_MS);
    sut.emit({ event: 'hangup', legId: again.id, cause: 'no-answer', at: sut.now });
    const last = sut.interventions.at(-1)!;
    expect(last.intervention).toMatchObject({ state: 'ended', endReason: 'not-answered', connectedAt: null });
    expect(auditEntryOf(last.call, last.intervention, 'ended')?.action).toBe('monitor/unanswered');
  });

  it('lets two supervisors in, one intervention each, and each changes only their own', async () => {
    const { sut, id } = await supervised('listen');
    const kims = sut.session.intervene({ ...KIM, mode: 'listen' });
    expect(refusal(() => sut.session.intervene({ ...SAM, mode: 'barge' })).code).toBe(MonitorErrorCode.Busy);
    expect(refusal(() => sut.session.changeIntervention(kims.id, SAM.supervisorId, 'barge')).code).toBe(MonitorErrorCode.NotYours);
    expect(refusal(() => sut.session.endIntervention(`${sut.session.callId}.m99`, SAM.supervisorId)).code).toBe(MonitorErrorCode.UnknownIntervention);
    sut.session.endIntervention(id, SAM.supervisorId);
    expect(refusal(() => sut.session.changeIntervention(id, SAM.supervisorId, 'barge')).code).toBe(MonitorErrorCode.UnknownIntervention);
  });

  it('applies a mode chosen while the softphone still rings when it answers', async () => {
    const { sut, bridgeId, id } = await supervised('listen');
    sut.session.changeIntervention(id, SAM.supervisorId, 'whisper');
    expect(sut.commandsOf('changeRole')).toEqual([]);
    sut.emit({ event: 'answered', legId: id, at: sut.now });
    expect(sut.commands.at(-1)).toEqual({ command: 'addParticipant', bridgeId, legId: id, role: 'whisper', kind: 'supervisor' });
  });

  it('follows the call through a blind transfer to another agent, and leaves when it goes back to a queue', async () => {
    const { sut, id } = await supervised('listen');
    sut.emit({ event: 'answered', legId: id, at: sut.now });
    sut.session.transfer(AGENT, { kind: 'blind', target: { kind: 'agent', agentId: AGENT_B } });
    const ring = sut.commandsOf('originate').at(-1)!;
    sut.emit({ event: 'answered', legId: ring.legId, at: sut.now });
    expect(sut.interventions.at(-1)?.intervention.state).toBe('connected');
    sut.session.transfer(AGENT_B, { kind: 'blind', target: { kind: 'queue', queueId: SUPPORT } });
    expect(sut.interventions.at(-1)?.intervention).toMatchObject({ state: 'ended', endReason: 'call-ended' });
  });
});

describe('a call the IVR put through (a transfer node)', () => {
  it('lets a supervisor into the transfer’s bridge, names its agent, and ends with it when the target hangs up', async () => {
    const sut = world({ direct: () => ({ status: 'taken', agentId: AGENT, extension: '2002' }) });
    await sut.toRouterSpecialist();
    // Still ringing: nobody to listen to yet.
    expect(refusal(() => sut.session.intervene({ ...SAM, mode: 'listen' })).code).toBe(MonitorErrorCode.NotConnected);
    const [target] = sut.commandsOf('originate');
    sut.emit({ event: 'answered', legId: target!.legId, at: sut.now });
    const bridgeId = sut.commandsOf('bridge')[0]!.bridgeId;

    const intervention = sut.session.intervene({ ...SAM, mode: 'listen' });
    expect(sut.interventions.at(-1)).toMatchObject({ call: { callId: sut.session.callId, customerNumber: CALLER, agentName: 'Bea Agent' }, intervention: { agentId: AGENT } });
    sut.emit({ event: 'answered', legId: intervention.id, at: sut.now });
    expect(sut.commands.at(-1)).toEqual({ command: 'addParticipant', bridgeId, legId: intervention.id, role: 'listen', kind: 'supervisor' });
    sut.session.changeIntervention(intervention.id, SAM.supervisorId, 'barge');
    expect(sut.commands.at(-1)).toEqual({ command: 'changeRole', bridgeId, legId: intervention.id, role: 'barge' });

    sut.emit({ event: 'hangup', legId: target!.legId, cause: 'remote-bye', at: sut.now });
    expect(sut.commandsOf('hangup').map((c) => c.legId)).toContain(intervention.id);
    expect(sut.interventions.at(-1)?.intervention).toMatchObject({ state: 'ended', endReason: 'call-ended' });
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    expect(sut.session.finished).toBe(true);
  });
});

describe('refusals', () => {
  it('refuses a call in the IVR or the queue: nobody to listen to yet', () => {
    const sut = world();
    expect(refusal(() => sut.session.intervene({ ...SAM, mode: 'listen' })).code).toBe(MonitorErrorCode.NotConnected);
    expect(sut.commandsOf('originate')).toEqual([]);
  });

  it('fails an intervention whose softphone cannot be rung', async () => {
    const sut = world({ refuse: (command) => command.command === 'originate' && command.legId.includes('.m') });
    await sut.connected();
    sut.session.intervene({ ...SAM, mode: 'listen' });
    await flush();
    expect(sut.interventions.at(-1)?.intervention).toMatchObject({ state: 'ended', endReason: 'failed' });
  });
});
