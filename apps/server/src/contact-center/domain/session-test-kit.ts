import { type AgentCallView, CallEventBodySchema, type Flow, type GatewayCommandInput } from '@ccx/contracts';
import { expect } from 'vitest';
import { type AcdDecision } from '../../acd/domain/index.js';
import { type TimedCallEvent } from '../../calls/domain/call-record.js';
import { applyCallEvent, type CallState, initialCallState } from '../../calls/domain/call-state.js';
import { loadDemoFlow } from '../../ivr/demo-flow.js';
import { type CrmCustomer } from '../../ivr/domain/runner-types.js';
import { CallControlError } from './call-control-error.js';
import { CallSession, type DialRequest, type SessionGatewayEvent } from './call-session.js';
import { type InterventionChange, type LiveIntervention } from './interventions.js';
import { type EnqueueRequest, type OfferContext, type SessionPorts, type TimelineEvent } from './session-ports.js';

/**
 * Test support for the call session's specs (call-session, conversation, interventions; `refusal` also wrap-up):
 * a call session against a pretend world: a gateway that keeps one playback and one digit
 * collector per leg like the real media engine (a replaced playback reports `stopped` at
 * once, a key interrupts an interruptible prompt), an ACD that says yes, a CRM of one
 * customer, and a recorder that checks every append against the real call state machine.
 * The clock is made up.
 */
export const T0 = Date.UTC(2025, 5, 11, 2, 0);
export const SUPPORT = '0b6f5d1e-0000-4000-8000-000000000001';
export const SALES = '0b6f5d1e-0000-4000-8000-000000000002';
export const AGENT = '0b6f5d1e-0000-4000-8000-0000000000a2';
/** Two colleagues to transfer to and conference with. */
export const AGENT_B = '0b6f5d1e-0000-4000-8000-0000000000b1';
export const AGENT_C = '0b6f5d1e-0000-4000-8000-0000000000c3';
const AGENTS: Record<string, { extension: string; name: string }> = {
  [AGENT]: { extension: '2002', name: 'Bea Agent' },
  [AGENT_B]: { extension: '2001', name: 'Alex Agent' },
  [AGENT_C]: { extension: '2003', name: 'Chen Agent' },
};
export const ALICE: CrmCustomer = {
  id: '0b6f5d1e-0000-4000-8000-0000000000c1',
  displayName: 'Alice Johnson',
  accountNumber: '10002',
  phoneNumber: '+14155550101',
  balanceCents: 25000,
  language: 'en',
};
export const CALLER = '+14155550199';
export const flush = () => new Promise((resolve) => setImmediate(resolve));

/** The CallControlError a request throws, or fails the test (the request was accepted). */
export function refusal(request: () => unknown): CallControlError {
  try {
    request();
  } catch (error) {
    if (error instanceof CallControlError) return error;
    throw error;
  }
  throw new Error('the request was accepted');
}

interface Timeline {
  events: TimedCallEvent[];
  state: CallState;
}

export type DirectCall = ReturnType<SessionPorts['acd']['takeForDirectCall']>;

export function world(
  options: {
    flow?: Flow;
    from?: string;
    callerList?: 'vip' | 'blacklist' | null;
    /** The CRM's answer by caller; default: Alice by her number. */
    findByCaller?: SessionPorts['crm']['findByCaller'];
    refuse?: (command: GatewayCommandInput) => boolean;
    /**
     * What the ACD says of a transfer's target; default: an agent named by id is taken
     * unless listed in `busy`, anything else is no agent's (a desk phone).
     */
    direct?: (target: { username: string } | { extension: string } | { agentId: string }) => DirectCall;
    busy?: readonly string[];
    /** No SIP trunk: numbers cannot be dialled. */
    noTrunk?: boolean;
    /** A click-to-dial session instead of an inbound call. */
    dial?: Omit<DialRequest, 'callId' | 'at'>;
  } = {},
) {
  let now = T0;
  let ids = 0;
  const commands: GatewayCommandInput[] = [];
  const timelines = new Map<string, Timeline>();
  const acdCalls: string[] = [];
  const enqueued: EnqueueRequest[] = [];
  const offers: { agentId: string; tabId: string; offer: OfferContext }[] = [];
  const offersEnded: string[] = [];
  const warnings: string[] = [];
  const connections: string[] = [];
  const views: { agentId: string; view: AgentCallView }[] = [];
  const interventions: { call: { callId: string; customerNumber: string; agentName: string }; change: InterventionChange; intervention: LiveIntervention }[] = [];
  const playing = new Map<string, { id: string; interrupt: boolean }>();
  const collecting = new Map<string, { command: Extract<GatewayCommandInput, { command: 'collect' }>; digits: string }>();
  // The session is made below, after the ports it needs; the fake gateway reaches it through this.
  const made: { session: CallSession | null } = { session: null };

  const emit = (event: SessionGatewayEvent) => made.session!.onGatewayEvent(event);
  const stopPlayback = (legId: string, reason: 'finished' | 'stopped' | 'interrupted') => {
    const playback = playing.get(legId);
    if (!playback) return;
    playing.delete(legId);
    emit({ event: 'playbackDone', legId, playbackId: playback.id, reason, at: now });
  };

  const ports: SessionPorts = {
    now: () => now,
    newId: () => `0b6f5d1e-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    gateway: {
      execute: async (command) => {
        commands.push(command);
        if (options.refuse?.(command)) return { ok: false, error: { code: 'gateway/unreachable', message: 'refused by the test' } };
        // Like the media engine: events a command causes are reported before it returns.
        if (command.command === 'play') {
          stopPlayback(command.legId, 'stopped');
          playing.set(command.legId, { id: command.playbackId, interrupt: command.interruptOnDigit ?? false });
        } else if (command.command === 'stopPlayback' && playing.get(command.legId)?.id === command.playbackId) {
          stopPlayback(command.legId, 'stopped');
        } else if (command.command === 'collect') {
          collecting.set(command.legId, { command, digits: '' });
        } else if (command.command === 'unbridge') {
          emit({ event: 'recordingDone', recordingId: recordingOf(command.bridgeId), path: '/data/recordings/call.wav', durationMs: 4000, reason: 'stopped', at: now });
        }
        return { ok: true };
      },
    },
    recorder: {
      append: (callId, events) => {
        const timeline = timelines.get(callId) ?? { events: [], state: initialCallState };
        for (const event of events) {
          const body = CallEventBodySchema.parse({ type: event.type, data: event.data });
          timeline.state = applyCallEvent(timeline.state, body);
          timeline.events.push({ ...body, seq: timeline.events.length + 1, at: event.at } as TimedCallEvent);
        }
        timelines.set(callId, timeline);
      },
    },
    crm: {
      callerList: async () => options.callerList ?? null,
      findByCaller: options.findByCaller ?? (async (number) => (number === ALICE.phoneNumber ? { customer: ALICE, matchedBy: 'caller-number' } : null)),
      findByAccount: async (account) => (account === ALICE.accountNumber ? ALICE : null),
      verifyPin: async (account, pin) => (account === ALICE.accountNumber && pin === '4321' ? ALICE : null),
    },
    acd: {
      queueIdOf: (name) => (name === 'Support' ? SUPPORT : null),
      enqueue: (request) => {
        enqueued.push(request);
        acdCalls.push(`enqueue ${request.queueId}`);
        return true;
      },
      positionOf: () => 1,
      abandon: (contactId) => void acdCalls.push(`abandon ${contactId}`),
      offerAccepted: (offerId, agentId) => (acdCalls.push(`accepted ${offerId} ${agentId}`), true),
      offerRejected: (offerId, agentId) => void acdCalls.push(`rejected ${offerId} ${agentId}`),
      offerTimedOut: (offerId) => void acdCalls.push(`timed out ${offerId}`),
      callbackRequested: (contactId, number) => (acdCalls.push(`callback ${contactId} ${number}`), true),
      callEnded: (agentId, endOptions) => void acdCalls.push(`${endOptions?.afterCallWork === false ? 'released' : 'call ended'} ${agentId}`),
      extensionOf: (agentId) => AGENTS[agentId]?.extension ?? null,
      agentName: (agentId) => AGENTS[agentId]?.name ?? null,
      queueName: (queueId) => (queueId === SUPPORT ? 'Support' : queueId === SALES ? 'Sales' : null),
      takeForDirectCall: (target) => {
        const known = 'agentId' in target ? AGENTS[target.agentId] : undefined;
        const byId: DirectCall = known && 'agentId' in target ? (options.busy?.includes(target.agentId) ? { status: 'busy', agentId: target.agentId } : { status: 'taken', agentId: target.agentId, extension: known.extension }) : 'not-an-agent';
        const result = options.direct?.(target) ?? byId;
        acdCalls.push(`direct ${JSON.stringify(target)} → ${typeof result === 'string' ? result : result.status}`);
        return result;
      },
    },
    desk: {
      queued: () => undefined,
      offer: (agentId, tabId, offer) => void offers.push({ agentId, tabId, offer }),
      offerEnded: (agentId, offerId, reason) => void offersEnded.push(`${agentId} ${offerId} ${reason}`),
      callConnected: (agentId, callId) => void connections.push(`${agentId} ${callId}`),
      callView: (agentId, view) => void views.push({ agentId, view }),
    },
    supervision: {
      interventionChanged: (call, intervention, change) => void interventions.push({ call, change, intervention: { ...intervention, modes: [...intervention.modes] } }),
    },
    log: { warn: (message) => void warnings.push(message) },
  };

  const recordingOf = (bridgeId: string) => {
    const started = [...commands].reverse().find((c) => c.command === 'recordStart' && c.bridgeId === bridgeId);
    return started?.command === 'recordStart' ? started.recordingId : 'none';
  };

  const settings = { callerId: '1000', hoursOverride: 'open' as const, callbackRingMs: 30_000, trunk: options.noTrunk !== true };
  const session = options.dial
    ? CallSession.dial({ ...options.dial, callId: ports.newId(), at: now }, ports, settings)
    : new CallSession({ name: 'main-ivr', flow: options.flow ?? loadDemoFlow() }, { legId: 'customer-leg', channel: 'trunk', from: options.from ?? CALLER, to: '1000', at: now }, ports, settings);
  made.session = session;

  const w = {
    session,
    commands,
    acdCalls,
    enqueued,
    offers,
    offersEnded,
    warnings,
    connections,
    views,
    /** Every change of a supervisor's intervention, with a copy of it as it was then. */
    interventions,
    /** The latest call view each agent's desk got. */
    viewOf: (agentId: string) => views.filter((v) => v.agentId === agentId).at(-1)?.view ?? null,
    /** The commands sent since the `since`-th one. */
    commandsSince: (since: number) => commands.slice(since),
    get now() {
      return now;
    },
    advance(ms: number) {
      now += ms;
    },
    timeline(callId = session.callId): TimedCallEvent[] {
      return timelines.get(callId)?.events ?? [];
    },
    types(callId = session.callId): string[] {
      return w.timeline(callId).map((e) => e.type);
    },
    of<T extends TimelineEvent['type']>(type: T, callId = session.callId) {
      return w.timeline(callId).filter((e): e is Extract<TimedCallEvent, { type: T }> => e.type === type);
    },
    callIds: () => [...timelines.keys()],
    commandsOf<C extends GatewayCommandInput['command']>(command: C) {
      return commands.filter((c): c is Extract<GatewayCommandInput, { command: C }> => c.command === command);
    },
    playingOn: (legId = 'customer-leg') => playing.get(legId)?.id ?? null,
    /** What the customer hears now, as text. */
    spoken(legId = 'customer-leg'): string {
      const id = playing.get(legId)?.id;
      const play = [...commands].reverse().find((c) => c.command === 'play' && c.playbackId === id);
      return play?.command === 'play' ? play.prompts.map((p) => (p.kind === 'speech' ? p.text : p.kind)).join(' ') : '';
    },
    async answerCustomer() {
      emit({ event: 'answered', legId: 'customer-leg', at: now });
      await flush();
      await flush();
    },
    finishPlayback(legId = 'customer-leg') {
      stopPlayback(legId, 'finished');
    },
    /**
     * A key from the caller's phone, in the gateway's order: it interrupts an interruptible
     * prompt, feeds the collector, and only then is reported as a `digit` event.
     */
    async press(keys: string, legId = 'customer-leg') {
      for (const digit of keys) {
        if (playing.get(legId)?.interrupt) stopPlayback(legId, 'interrupted');
        const collector = collecting.get(legId);
        if (collector) {
          const { command } = collector;
          if (digit === command.terminator && collector.digits.length >= (command.minDigits ?? 1)) {
            collecting.delete(legId);
            emit({ event: 'collected', legId, digits: collector.digits, reason: 'terminator', at: now });
          } else {
            collector.digits += digit;
            if (collector.digits.length >= command.maxDigits) {
              collecting.delete(legId);
              emit({ event: 'collected', legId, digits: collector.digits, reason: 'max-digits', at: now });
            }
          }
        }
        emit({ event: 'digit', legId, digit, durationMs: 100, source: 'rfc4733', at: now });
        await flush();
      }
    },
    emit,
    decide(decision: AcdDecision) {
      session.onAcdDecision(decision);
    },
    /** Through the greeting and the menus to the Support queue (2 English, 2 Support, 0 agent). */
    async toSupportQueue() {
      session.start();
      await w.answerCustomer();
      w.finishPlayback(); // greeting
      await w.press('2'); // English
      await w.press('2'); // Support
      await w.press('0'); // an agent
      expect(w.spoken()).toBe('Connecting you to support.');
      w.finishPlayback();
    },
    /** Through five menu levels to the router specialist's transfer node (extension 2003), past its prompt. */
    async toRouterSpecialist() {
      session.start();
      await w.answerCustomer();
      w.finishPlayback(); // greeting
      for (const key of '221132') await w.press(key); // English, Support, Internet, Fibre, Router, the specialist
      expect(w.spoken()).toBe('Transferring you to our router specialist.');
      w.finishPlayback();
    },
    /** Through the IVR and the Support queue to AGENT, who answers and is bridged: the agent's leg. */
    async connected(): Promise<string> {
      await w.toSupportQueue();
      const { legId } = w.offer();
      w.advance(1000);
      w.emit({ event: 'answered', legId, at: now });
      w.decide({ type: 'connect', contactId: session.callId, queueId: SUPPORT, agentId: AGENT, waitedMs: 1000 });
      expect(session.phase).toBe('connected');
      return legId;
    },
    offer(offerId = `${session.callId}#1`, callback = false) {
      w.decide({ type: 'offer', offerId, contactId: session.callId, queueId: SUPPORT, agents: [{ agentId: AGENT, tabId: 'tab-1' }], ringUntil: now + 15_000, callback });
      const originate = w.commandsOf('originate').at(-1)!;
      return { offerId, legId: originate.legId };
    },
  };
  return w;
}

