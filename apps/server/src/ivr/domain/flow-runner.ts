import { type Flow, type FlowLanguage, type FlowNode, type FlowNodeKind, IvrErrorCode, type LocalizedPrompt } from '@ccx/contracts';
import { type BusinessHoursState } from './business-hours.js';
import { NODE_HANDLERS } from './nodes/index.js';
import { type NodeHandler, type Outcome, type ResumeEvent, type RunContext } from './nodes/node-handler.js';
import { renderPrompt } from './prompts.js';
import {
  type Awaiting,
  type CallContext,
  type FlowAction,
  type FlowEvent,
  type PathStep,
  type RequestAction,
  type RunnerState,
  type RunnerStatus,
  type VariableValue,
} from './runner-types.js';
import { renderTemplate, renderValue } from './template.js';

/**
 * Runs one call through a validated IVR flow (contracts `ivr/flow.ts`). Pure and
 * synchronous: each input event returns the actions that follow as plain data (play,
 * collect, look up, enqueue, hang up, path steps for the timeline); the adapter carries
 * them out and reports back. The clock is passed in.
 *
 *              started                   a request (play, collect, CRM, voicemail)
 *     ready ───────────► ( driving ) ───────────────────────────────────────► waiting
 *                          ▲   ▲  │                                             │
 *                          │   │  │ enqueue / transfer                          │ its answer
 *                          │   │  └──────────────────────► handedOff            │ (or timeout)
 *                          │   │   handoffFailed /             │                │
 *                          │   └── callReturned ───────────────┘                │
 *                          └────────────────────────────────────────────────────┘
 *
 *     any state ── caller hangs up · hangup node · step limit · unknown node ──► ended
 *
 * "Driving" is not a state anyone sees: within one `handle` call the runner moves through
 * nodes that decide at once (conditions, set variable, business hours) until a node waits,
 * hands the call over or ends it. At most `maxStepsPerInput` nodes per input: a loop of
 * nodes that never waits for the caller ends the call with an `ivr/step-limit` error
 * instead of spinning.
 */
export interface FlowRunnerOptions {
  now: () => number;
  /** Nodes entered per input before the runner gives up on a loop; default 100. */
  maxStepsPerInput?: number;
  /** Every business-hours node takes this branch instead of reading the clock (an emergency closure, a test). */
  hoursOverride?: BusinessHoursState | null;
}

const MAX_PATH_STEPS = 1000;

const TRANSITIONS: Record<RunnerStatus, readonly RunnerStatus[]> = {
  ready: ['waiting', 'handedOff', 'ended'],
  waiting: ['waiting', 'handedOff', 'ended'],
  handedOff: ['waiting', 'handedOff', 'ended'],
  ended: [],
};

const AWAITS: Record<RequestAction['type'], Awaiting> = {
  play: 'playback',
  collect: 'digits',
  crmLookup: 'crm',
  verifyPin: 'crm',
  recordVoicemail: 'voicemail',
};

export class FlowRunner {
  private state: RunnerState;
  private out: FlowAction[] = [];
  /** The step recorded when the current node was entered (kept and sent), labelled once the node decides. */
  private entryStep: { kept: PathStep; sent: PathStep } | null = null;
  private readonly maxSteps: number;
  private readonly run: RunContext;

  constructor(
    private readonly flow: Flow,
    call: CallContext,
    private readonly options: FlowRunnerOptions,
  ) {
    this.maxSteps = options.maxStepsPerInput ?? 100;
    this.state = {
      status: 'ready',
      nodeId: null,
      phase: '',
      attempts: 0,
      index: 0,
      awaiting: null,
      seq: 0,
      variables: {
        caller: call.callerNumber,
        dialed: call.dialedNumber,
        channel: call.channel,
        callerList: call.callerList,
        language: call.language && flow.languages.includes(call.language) ? call.language : flow.defaultLanguage,
        digits: '',
      },
      secretVariables: [],
      path: [],
      endReason: null,
    };
    this.run = this.context();
  }

  /** A runner for a call in progress, from its `snapshot()` (the same flow version). */
  static restore(flow: Flow, state: RunnerState, options: FlowRunnerOptions): FlowRunner {
    const runner = new FlowRunner(flow, { callerNumber: '', dialedNumber: '', channel: 'web', callerList: null }, options);
    runner.state = structuredClone(state);
    return runner;
  }

  get status(): RunnerStatus {
    return this.state.status;
  }

  get nodeId(): string | null {
    return this.state.nodeId;
  }

  get language(): FlowLanguage {
    return this.state.variables.language as FlowLanguage;
  }

  get endReason(): string | null {
    return this.state.endReason;
  }

  /** The caller's way through the IVR so far (the last 1000 steps). */
  get path(): readonly PathStep[] {
    return this.state.path;
  }

  /** Call variables for the screen pop and the call record, without secret inputs. */
  variables(): Record<string, VariableValue> {
    const secret = new Set(this.state.secretVariables);
    return Object.fromEntries(Object.entries(this.state.variables).filter(([name]) => !secret.has(name)));
  }

  snapshot(): RunnerState {
    return structuredClone(this.state);
  }

  handle(event: FlowEvent): FlowAction[] {
    this.out = [];
    const state = this.state;
    if (state.status === 'ended') return [];
    if (event.type === 'hangup') {
      if (state.nodeId) this.pushStep({ outcome: 'caller hung up' });
      state.endReason = 'caller-hangup';
      this.moveTo('ended');
      return this.flush();
    }
    if (event.type === 'started') {
      if (state.status === 'ready') this.settle({ to: 'next', next: this.flow.start }, 'start');
      return this.flush();
    }
    const answer = this.accept(event);
    if (!answer || state.nodeId === null) return [];
    const awaiting = state.awaiting;
    state.awaiting = null;
    const outcome = this.handler(this.currentNode()).resume(this.currentNode(), this.run, answer);
    // An answer the node had no use for: it keeps waiting for the same thing.
    if (outcome.to === 'wait' && state.awaiting === null) state.awaiting = awaiting;
    this.settle(outcome, 'resume');
    return this.flush();
  }

  /** The event as the current node expects it, or null when nobody waits for it. */
  private accept(event: Exclude<FlowEvent, { type: 'started' | 'hangup' }>): ResumeEvent | null {
    const state = this.state;
    if ('seq' in event && event.seq !== undefined && event.seq !== state.seq) return null;
    const timedOut = event.type === 'timeout';
    switch (state.awaiting) {
      case 'playback':
        return event.type === 'playbackDone' ? event : timedOut ? { type: 'playbackDone', reason: 'failed' } : null;
      case 'digits':
        return event.type === 'digitsCollected' ? event : timedOut ? { type: 'digitsCollected', digits: '', reason: 'timeout' } : null;
      case 'crm':
        return event.type === 'crmResult' ? event : timedOut ? { type: 'crmResult', customer: null } : null;
      case 'voicemail':
        return event.type === 'voicemailDone' ? event : timedOut ? { type: 'voicemailDone', recordingId: null } : null;
      case 'handoff':
        return event.type === 'handoffFailed' || event.type === 'callReturned' ? event : null;
      case null:
        return null;
    }
  }

  /** Follows outcomes through nodes that decide at once, until one waits, hands over or ends. */
  private settle(outcome: Outcome, origin: 'start' | 'enter' | 'resume'): void {
    let current = outcome;
    let from = origin;
    let steps = 0;
    for (;;) {
      if (this.state.status === 'ended') return;
      switch (current.to) {
        case 'next':
          if (current.outcome !== undefined) {
            if (from === 'enter' && this.entryStep) {
              this.entryStep.kept.outcome = current.outcome;
              this.entryStep.sent.outcome = current.outcome;
            } else {
              this.pushStep({ outcome: current.outcome });
            }
          }
          if (++steps > this.maxSteps) {
            this.fail(IvrErrorCode.StepLimit, `more than ${this.maxSteps} nodes without waiting for the caller (a loop?), last at "${current.next}"`);
            return;
          }
          current = this.enter(current.next);
          from = 'enter';
          continue;
        case 'wait':
          this.moveTo('waiting');
          return;
        case 'handedOff':
          this.moveTo('handedOff');
          return;
        case 'end':
          this.endCall(current.reason);
          return;
      }
    }
  }

  private enter(nodeId: string): Outcome {
    const node = Object.prototype.hasOwnProperty.call(this.flow.nodes, nodeId) ? this.flow.nodes[nodeId] : undefined;
    if (!node) {
      this.fail(IvrErrorCode.UnknownNode, `the flow has no node "${nodeId}"`);
      return { to: 'end', reason: 'flow-error' };
    }
    const state = this.state;
    state.nodeId = nodeId;
    state.phase = '';
    state.attempts = 0;
    state.index = 0;
    state.awaiting = null;
    this.entryStep = this.pushStep({}, true);
    return this.handler(node).enter(node, this.run);
  }

  private fail(code: IvrErrorCode, message: string): void {
    this.out.push({ type: 'error', code, message, nodeId: this.state.nodeId });
    this.endCall('flow-error');
  }

  private endCall(reason: string): void {
    if (this.state.status === 'ended') return;
    this.out.push({ type: 'hangup', reason });
    this.state.endReason = reason;
    this.moveTo('ended');
  }

  /** The one place the status changes; an illegal move is a bug in the runner. */
  private moveTo(status: RunnerStatus): void {
    if (!TRANSITIONS[this.state.status].includes(status)) throw new Error(`flow runner: ${this.state.status} → ${status} is not a legal move`);
    this.state.status = status;
  }

  private pushStep(detail: { input?: string; outcome?: string }, entry = false): { kept: PathStep; sent: PathStep } {
    const kept: PathStep = { nodeId: this.state.nodeId!, kind: this.currentNode().kind, at: this.options.now(), entry, ...detail };
    const sent = { type: 'pathStep' as const, ...kept };
    this.state.path.push(kept);
    if (this.state.path.length > MAX_PATH_STEPS) this.state.path.shift();
    this.out.push(sent);
    return { kept, sent };
  }

  private flush(): FlowAction[] {
    const actions = this.out;
    this.out = [];
    this.entryStep = null;
    return actions;
  }

  private currentNode(): FlowNode {
    return this.flow.nodes[this.state.nodeId!]!;
  }

  private handler<K extends FlowNodeKind>(node: Extract<FlowNode, { kind: K }>): NodeHandler<K> {
    return NODE_HANDLERS[node.kind as K];
  }

  private context(): RunContext {
    const state = () => this.state;
    // Own properties only: a variable named like an Object method must not read the prototype.
    const lookup = (name: string) => (Object.prototype.hasOwnProperty.call(this.state.variables, name) ? this.state.variables[name] : undefined);
    return {
      flow: this.flow,
      get nodeId() {
        return state().nodeId!;
      },
      get phase() {
        return state().phase;
      },
      set phase(value: string) {
        state().phase = value;
      },
      get attempts() {
        return state().attempts;
      },
      set attempts(value: number) {
        state().attempts = value;
      },
      get index() {
        return state().index;
      },
      set index(value: number) {
        state().index = value;
      },
      now: () => this.options.now(),
      hoursOverride: () => this.options.hoursOverride ?? null,
      get: lookup,
      set: (name, value, options) => {
        if (name === 'language' && !(this.flow.languages as VariableValue[]).includes(value)) return;
        const current = state();
        current.variables[name] = value;
        const secret = current.secretVariables.filter((secretName) => secretName !== name);
        if (options?.secret) secret.push(name);
        current.secretVariables = secret;
      },
      language: () => this.language,
      render: (text) => renderTemplate(text, lookup),
      renderValue: (text) => renderValue(text, lookup),
      prompts: (prompt: LocalizedPrompt | undefined, options) =>
        renderPrompt(prompt, { language: this.language, flow: this.flow, render: (text) => renderTemplate(text, lookup), allLanguages: options?.allLanguages }),
      request: (action) => {
        const current = state();
        current.seq += 1;
        current.awaiting = AWAITS[action.type];
        this.out.push({ ...action, seq: current.seq } as RequestAction);
      },
      emit: (action) => {
        this.out.push(action);
      },
      awaitHandoff: () => {
        state().awaiting = 'handoff';
      },
      step: (detail) => {
        this.pushStep(detail);
      },
      customerId: () => {
        const id = this.state.variables['customer.id'];
        return typeof id === 'string' ? id : null;
      },
    };
  }
}
