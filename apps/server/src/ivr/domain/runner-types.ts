import { type FlowLanguage, type FlowNodeKind, type IvrErrorCode, type Prompt, type TransferTarget } from '@ccx/contracts';

/**
 * What goes into and comes out of the flow runner: plain data, so the adapter that joins
 * the runner to the media gateway, the CRM and the ACD can log, persist and replay it.
 */

export type VariableValue = string | number | boolean | null;

/** What the call brings to the IVR when it starts. */
export interface CallContext {
  /** ANI: the caller's number or web identity; '' when withheld. */
  callerNumber: string;
  /** DNIS: the number or entry point dialed. */
  dialedNumber: string;
  channel: 'web' | 'trunk' | 'chat';
  /** The caller's number on the VIP list or the blacklist, found by the adapter before the start. */
  callerList: 'vip' | 'blacklist' | null;
  /** A language known before the IVR asks (the widget's locale); else the flow's default. */
  language?: FlowLanguage;
}

/** A CRM customer as the IVR sees it (never the PIN hash). */
export interface CrmCustomer {
  id: string;
  displayName: string;
  accountNumber: string | null;
  phoneNumber: string | null;
  balanceCents: number;
  language: string;
}

/**
 * Inputs. `seq` (optional) echoes the `seq` of the action the event answers; an event whose
 * `seq` is not the one the runner waits for is stale (a playback stopped by the next one)
 * and is ignored. Events the runner does not wait for are ignored too.
 */
export type FlowEvent =
  | { type: 'started' }
  | { type: 'playbackDone'; reason: 'finished' | 'stopped' | 'interrupted' | 'failed'; seq?: number }
  | { type: 'digitsCollected'; digits: string; reason: 'max-digits' | 'terminator' | 'timeout'; seq?: number }
  /** Answers `crmLookup` and `verifyPin`; null: no such customer, or the PIN was wrong. */
  | { type: 'crmResult'; customer: CrmCustomer | null; seq?: number }
  /** The message was recorded (null when the caller left none). */
  | { type: 'voicemailDone'; recordingId: string | null; seq?: number }
  /** The ACD refused the call or the transfer target did not answer. */
  | { type: 'handoffFailed'; reason: string }
  /** The agent's side ended and the caller is still on the line: `afterCall` (a survey). */
  | { type: 'callReturned' }
  /** What the runner waits for did not come in time (the adapter's watchdog). */
  | { type: 'timeout'; seq?: number }
  /** The caller hung up. */
  | { type: 'hangup' };

/** One step of the caller's way through the IVR, for the call's timeline. */
export interface PathStep {
  nodeId: string;
  kind: FlowNodeKind;
  at: number;
  /** True for the step recorded on arriving at the node; later steps at it record inputs and results. */
  entry: boolean;
  /** What the caller keyed (a secret input is masked). */
  input?: string;
  /** Where the node led or what it decided (`Sales`, `found`, `holiday`, `no-input`, …). */
  outcome?: string;
}

export const HIDDEN_INPUT = '[hidden]';

/**
 * Outputs. Actions with a `seq` expect an answering event; the adapter echoes the `seq`.
 *
 * `collect` plays its prompts, interruptible by a key, then collects: keys pressed during
 * the prompts count as the first keys, and the first-key timeout runs from the end of the
 * prompts. (On the gateway: `play` with `interruptOnDigit` together with `collect`, whose
 * first-digit timer must start when the playback ends.)
 */
export type FlowAction =
  | { type: 'play'; seq: number; prompts: Prompt[]; interruptOnDigit: boolean }
  | {
      type: 'collect';
      seq: number;
      prompts: Prompt[];
      minDigits: number;
      maxDigits: number;
      terminator: '#' | '*' | null;
      firstDigitTimeoutMs: number;
      interDigitTimeoutMs: number;
    }
  | { type: 'crmLookup'; seq: number; by: 'caller' | 'account'; value: string }
  /** Find the account and check the PIN against its hash; answer `crmResult` (null for either failure). */
  | { type: 'verifyPin'; seq: number; accountNumber: string; pin: string }
  /** Record a message (ends at #, at maxSeconds or at hang-up), kept with the customer if known. */
  | { type: 'recordVoicemail'; seq: number; maxSeconds: number; mailbox: string | null; customerId: string | null; callerNumber: string }
  | {
      type: 'enqueue';
      queue: string;
      /** 0–10, higher first (VIP callers get 10 in the demo flow). */
      priority: number;
      skills: { skill: string; minLevel: number }[];
      language: FlowLanguage;
      customerId: string | null;
      /** Keep the caller when the agent hangs up and send `callReturned` (a survey follows). */
      afterCall: boolean;
    }
  | { type: 'transfer'; to: TransferTarget; afterCall: boolean }
  | { type: 'scheduleCallback'; number: string; queue: string; language: FlowLanguage; customerId: string | null }
  | { type: 'surveyAnswer'; survey: string; question: string; score: number | null }
  | { type: 'hangup'; reason: string }
  | ({ type: 'pathStep' } & PathStep)
  | { type: 'error'; code: IvrErrorCode; message: string; nodeId: string | null };

export type RequestAction = Extract<FlowAction, { seq: number }>;

/** The event family an action waits for; `handoff` waits for `handoffFailed` / `callReturned`. */
export type Awaiting = 'playback' | 'digits' | 'crm' | 'voicemail' | 'handoff';

export type RunnerStatus = 'ready' | 'waiting' | 'handedOff' | 'ended';

/** Everything the runner knows about one call: plain data (snapshot, restore). */
export interface RunnerState {
  status: RunnerStatus;
  nodeId: string | null;
  /** Where the current node is in its own little sequence (`asking`, `farewell`, …). */
  phase: string;
  /** Retries used at the current node (or the current survey question). */
  attempts: number;
  /** The current survey question. */
  index: number;
  awaiting: Awaiting | null;
  seq: number;
  variables: Record<string, VariableValue>;
  /** Variables filled by secret collects (a PIN): kept out of screen pops and timelines. */
  secretVariables: string[];
  path: PathStep[];
  endReason: string | null;
}
