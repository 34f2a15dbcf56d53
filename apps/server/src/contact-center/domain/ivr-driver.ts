import { type CrmMatchedBy, type Flow, type FlowLanguage, type GatewayCommandInput, type Prompt, type TransferTarget } from '@ccx/contracts';
import { FlowRunner } from '../../ivr/domain/flow-runner.js';
import { type CallContext, type CrmCustomer, type FlowAction, type FlowEvent, type PathStep, type VariableValue } from '../../ivr/domain/runner-types.js';
import { isSecretNode, pathStepEvents } from './ivr-timeline.js';
import { type SessionPorts, type TimelineEvent } from './session-ports.js';

/**
 * Drives one call's IVR runner on the gateway: the runner's actions become plays, collects
 * and CRM lookups, and the gateway's answers (playback done, digits collected) become the
 * runner's inputs. What the IVR hands over (queue, callback, hang-up) goes to the session
 * (`IvrHost`), which owns the call.
 *
 * Digit collection with prompts: the gateway starts a collect's first-digit timer when the
 * command arrives. So a collect with prompts is sent as a `play` that a key interrupts plus
 * a `collect` whose first-digit timer covers any prompt (`PROMPT_COVER_MS`); a key pressed
 * during the prompts stops them and is the collect's first digit. When the prompts finish
 * with no key pressed, the collect is sent again with the flow's own timeout, so the caller
 * gets the full timeout after the last word. In-process the restart follows the gateway's
 * `playbackDone` synchronously, so no key can fall between the two collects; over the
 * remote control API a key pressed in that instant is lost (a gateway-side "collect after
 * these prompts" command would close it).
 *
 * A key that cuts a plain prompt short (the greeting) only cuts it short: the next node's
 * collect is sent after the gateway is done with that key, so it does not also answer it.
 *
 * Keys are reported after their effects: the gateway emits `playbackDone` / `collected` for
 * a key before the key's own `digit` event, by which time the runner may have moved on. The
 * driver remembers where such a key was heard, so the key is recorded at that node (and
 * masked if that node collects a secret).
 */

/** First-digit timer of a collect whose prompts still play: longer than any prompt. */
export const PROMPT_COVER_MS = 120_000;
/** A key's `digit` event follows the effects the gateway reported for it within this long. */
const KEY_EFFECT_MS = 100;

type Collect = Extract<GatewayCommandInput, { command: 'collect' }>;
type EnqueueAction = Extract<FlowAction, { type: 'enqueue' }>;

/** What the IVR needs from the call it runs in. */
export interface IvrHost {
  /** The IVR has the caller now (not the queue or an agent). */
  holdsCaller(): boolean;
  customerLegId(): string;
  playToCustomer(playbackId: string, prompts: Prompt[], interruptOnDigit: boolean): void;
  command(command: GatewayCommandInput): void;
  record(event: TimelineEvent): void;
  customerMatched(customer: CrmCustomer, matchedBy: CrmMatchedBy): void;
  /** Hands the caller to a queue; a reason when that failed (the flow's onFailure follows). */
  enqueue(action: EnqueueAction): string | null;
  scheduleCallback(number: string, queue: string): void;
  /** Puts the caller through to the target; a failure comes back as `handoffFailed`. */
  transfer(to: TransferTarget, afterCall: boolean): void;
  /** Records the caller's message (the prompt and beep have played); `voicemailDone` follows. */
  recordVoicemail(seq: number, maxSeconds: number): void;
  hangup(reason: string): void;
}

interface PendingCollect {
  seq: number;
  command: Collect;
  /** The prompts still play; when they finish without a key, the collect starts again. */
  restartOnPromptEnd: boolean;
  digitSeen: boolean;
}

export class IvrDriver {
  private runner: FlowRunner | null = null;
  private readonly inbox: FlowEvent[] = [];
  private feeding = false;
  private collect: PendingCollect | null = null;
  private keyContext: { nodeId: string | null; masked: boolean; at: number } | null = null;

  constructor(
    private readonly flow: Flow,
    private readonly host: IvrHost,
    private readonly ports: Pick<SessionPorts, 'now' | 'crm' | 'log'>,
    private readonly hoursOverride: 'open' | 'closed' | 'holiday' | null,
  ) {}

  get started(): boolean {
    return this.runner !== null;
  }

  /** The queue or a transfer has the caller; the flow may take them back (after-call survey). */
  get handedOff(): boolean {
    return this.runner?.status === 'handedOff';
  }

  get language(): FlowLanguage {
    return this.runner?.language ?? this.flow.defaultLanguage;
  }

  get path(): readonly PathStep[] {
    return this.runner?.path ?? [];
  }

  variables(): Record<string, VariableValue> {
    return this.runner?.variables() ?? {};
  }

  start(call: CallContext): void {
    if (this.runner) return;
    this.runner = new FlowRunner(this.flow, call, { now: () => this.ports.now(), hoursOverride: this.hoursOverride });
    this.feed({ type: 'started' });
  }

  /** The caller hung up: the flow notes where. */
  callerGone(): void {
    this.collect = null;
    this.feed({ type: 'hangup' });
  }

  handoffFailed(reason: string): void {
    this.feed({ type: 'handoffFailed', reason });
  }

  /** The voicemail ended: its recording, or null when no message was kept. */
  voicemailDone(seq: number, recordingId: string | null): void {
    this.feed({ type: 'voicemailDone', recordingId, seq });
  }

  /** The agent left and the caller is still there: the flow's after-call node (a survey). */
  callReturned(): void {
    this.feed({ type: 'callReturned' });
  }

  // ---- the gateway's answers ------------------------------------------------------------

  collected(digits: string, reason: 'max-digits' | 'terminator' | 'timeout', at: number): void {
    const collect = this.collect;
    if (!collect) return;
    this.collect = null;
    if (reason !== 'timeout') this.keyContext = { ...this.listening(), at };
    this.feed({ type: 'digitsCollected', digits, reason, seq: collect.seq });
  }

  /** A playback on the caller's leg ended; false when it was not one of the IVR's. */
  playbackDone(playbackId: string, reason: 'finished' | 'stopped' | 'interrupted' | 'failed', at: number): boolean {
    if (reason === 'interrupted') this.keyContext = { ...this.listening(), at };
    if (!playbackId.startsWith('ivr-')) return false;
    const seq = Number(playbackId.slice(4));
    const collect = this.collect;
    if (collect?.seq === seq && collect.restartOnPromptEnd) {
      collect.restartOnPromptEnd = false;
      // The prompts ended with no key pressed: the caller gets the flow's full timeout from now.
      if ((reason === 'finished' || reason === 'failed') && !collect.digitSeen) this.host.command(collect.command);
      return true;
    }
    if (!this.host.holdsCaller()) return true;
    if (reason === 'interrupted') queueMicrotask(() => this.host.holdsCaller() && this.feed({ type: 'playbackDone', reason, seq }));
    else this.feed({ type: 'playbackDone', reason, seq });
    return true;
  }

  /** Where a key the caller pressed belongs: the node that heard it, and whether it is secret. */
  keyHeard(at: number): { nodeId: string | null; masked: boolean } {
    // The same instant as an effect the gateway reported first: this is that key.
    const claimed = this.keyContext && at - this.keyContext.at <= KEY_EFFECT_MS ? this.keyContext : null;
    this.keyContext = null;
    if (claimed) return { nodeId: claimed.nodeId, masked: claimed.masked };
    if (this.collect) this.collect.digitSeen = true;
    return this.listening();
  }

  /** The node listening for keys now, and whether its keys are secret. */
  private listening(): { nodeId: string | null; masked: boolean } {
    const inIvr = this.host.holdsCaller() && this.runner?.status === 'waiting';
    const nodeId = inIvr ? this.runner!.nodeId : null;
    return { nodeId, masked: inIvr && isSecretNode(this.flow, nodeId) };
  }

  // ---- the runner -------------------------------------------------------------------

  /** Runs the runner's inputs one at a time, even when an action answers at once. */
  private feed(event: FlowEvent): void {
    this.inbox.push(event);
    if (this.feeding) return;
    this.feeding = true;
    try {
      for (let next = this.inbox.shift(); next; next = this.inbox.shift()) {
        if (this.runner) this.perform(this.runner.handle(next));
      }
    } finally {
      this.feeding = false;
    }
  }

  private perform(actions: FlowAction[]): void {
    for (const action of actions) {
      switch (action.type) {
        case 'pathStep':
          for (const event of pathStepEvents(this.flow, action)) this.host.record(event);
          break;
        case 'play':
          this.host.playToCustomer(`ivr-${action.seq}`, action.prompts, action.interruptOnDigit);
          break;
        case 'collect':
          this.startCollect(action);
          break;
        case 'crmLookup':
        case 'verifyPin':
          this.lookUp(action);
          break;
        case 'recordVoicemail':
          this.host.recordVoicemail(action.seq, action.maxSeconds);
          break;
        case 'enqueue': {
          const failure = this.host.enqueue(action);
          if (failure) this.feed({ type: 'handoffFailed', reason: failure });
          break;
        }
        case 'transfer':
          this.host.transfer(action.to, action.afterCall);
          break;
        case 'scheduleCallback':
          this.host.scheduleCallback(action.number, action.queue);
          break;
        case 'surveyAnswer': {
          if (action.score === null) break;
          const node = Object.values(this.flow.nodes).find((n) => n.kind === 'survey' && n.survey === action.survey);
          const maxScore = node?.kind === 'survey' ? (node.questions.find((q) => q.id === action.question)?.maxScore ?? 9) : 9;
          this.host.record({ type: 'survey.scored', data: { survey: action.survey, question: action.question, score: action.score, maxScore }, at: this.ports.now() });
          break;
        }
        case 'hangup':
          this.host.hangup(action.reason);
          break;
        case 'error':
          this.ports.log.warn('IVR flow error', { flowId: this.flow.id, code: action.code, message: action.message, nodeId: action.nodeId });
          break;
      }
    }
  }

  private startCollect(action: Extract<FlowAction, { type: 'collect' }>): void {
    const command: Collect = {
      command: 'collect',
      legId: this.host.customerLegId(),
      minDigits: action.minDigits,
      maxDigits: action.maxDigits,
      terminator: action.terminator,
      firstDigitTimeoutMs: action.firstDigitTimeoutMs,
      interDigitTimeoutMs: action.interDigitTimeoutMs,
    };
    const withPrompts = action.prompts.length > 0;
    this.collect = { seq: action.seq, command, restartOnPromptEnd: withPrompts, digitSeen: false };
    if (withPrompts) this.host.playToCustomer(`ivr-${action.seq}`, action.prompts, true);
    this.host.command(withPrompts ? { ...command, firstDigitTimeoutMs: PROMPT_COVER_MS } : command);
  }

  private lookUp(action: Extract<FlowAction, { type: 'crmLookup' | 'verifyPin' }>): void {
    const crm = this.ports.crm;
    const byInput = (customer: CrmCustomer | null) => (customer ? { customer, matchedBy: 'ivr-input' as const } : null);
    // By caller, the adapter says how it found the customer (the number, or a web visitor's declared identity).
    const found: Promise<{ customer: CrmCustomer; matchedBy: CrmMatchedBy } | null> =
      action.type === 'verifyPin'
        ? crm.verifyPin(action.accountNumber, action.pin).then(byInput)
        : action.by === 'caller'
          ? crm.findByCaller(action.value)
          : crm.findByAccount(action.value).then(byInput);
    found
      .catch((error: unknown) => {
        this.ports.log.warn('CRM lookup failed', { flowId: this.flow.id, error: String(error) });
        return null;
      })
      .then((match) => {
        if (match) this.host.customerMatched(match.customer, match.matchedBy);
        this.feed({ type: 'crmResult', customer: match?.customer ?? null, seq: action.seq });
      });
  }
}
