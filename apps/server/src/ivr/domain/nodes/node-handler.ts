import { type Flow, type FlowLanguage, type FlowNodeKind, type FlowNodeOf, type LocalizedPrompt, type Prompt } from '@ccx/contracts';
import { type FlowAction, type FlowEvent, type RequestAction, type VariableValue } from '../runner-types.js';

/**
 * What a node kind does: `enter` when the flow arrives at the node, `resume` with each
 * event the node waits for. Handlers hold no state of their own; what a node must remember
 * between events (its phase, the retries used, the survey question) lives in the run.
 */
export interface NodeHandler<K extends FlowNodeKind> {
  enter(node: FlowNodeOf<K>, run: RunContext): Outcome;
  resume(node: FlowNodeOf<K>, run: RunContext, event: ResumeEvent): Outcome;
}

/** The events a node can be resumed with (the runner turns `timeout` into one of these). */
export type ResumeEvent = Exclude<FlowEvent, { type: 'started' | 'hangup' | 'timeout' }>;

export type Outcome =
  /** Go on to another node; `outcome` labels the decision on the timeline. */
  | { to: 'next'; next: string; outcome?: string }
  /** Stay at this node until the event a request asked for. */
  | { to: 'wait' }
  /** The ACD or a transfer has the call; the node may be resumed by `handoffFailed` / `callReturned`. */
  | { to: 'handedOff' }
  /** Hang up the call. */
  | { to: 'end'; reason: string };

export const WAIT: Outcome = { to: 'wait' };
export const goTo = (next: string, outcome?: string): Outcome => (outcome === undefined ? { to: 'next', next } : { to: 'next', next, outcome });
export const endCall = (reason: string): Outcome => ({ to: 'end', reason });

type WithoutSeq<A> = A extends unknown ? Omit<A, 'seq'> : never;

/** The runner's services to a node handler, scoped to the current node. */
export interface RunContext {
  readonly flow: Flow;
  readonly nodeId: string;
  phase: string;
  attempts: number;
  index: number;
  now(): number;
  /** The business-hours branch forced by configuration, or null to read the clock. */
  hoursOverride(): 'open' | 'closed' | 'holiday' | null;
  get(name: string): VariableValue | undefined;
  set(name: string, value: VariableValue, options?: { secret?: boolean }): void;
  language(): FlowLanguage;
  render(text: string): string;
  renderValue(text: string): VariableValue;
  prompts(prompt: LocalizedPrompt | undefined, options?: { allLanguages?: boolean }): Prompt[];
  /** Emits an action that waits for an answer, numbered with the next `seq`. */
  request(action: WithoutSeq<RequestAction>): void;
  /** Emits an action that needs no answer. */
  emit(action: Exclude<FlowAction, RequestAction | { type: 'pathStep' | 'hangup' | 'error' }>): void;
  /** The next events for this node are `handoffFailed` / `callReturned`. */
  awaitHandoff(): void;
  /** Adds a step to the caller's path at this node. */
  step(detail: { input?: string; outcome?: string }): void;
  customerId(): string | null;
}
