import { type Flow } from '@ccx/contracts';
import { FlowRunner, type FlowRunnerOptions } from './flow-runner.js';
import { type CallContext, type CrmCustomer, type FlowAction, type FlowEvent, type RequestAction } from './runner-types.js';

/** A CRM customer with the PIN the pretend CRM checks. */
export interface SimulatedCustomer extends CrmCustomer {
  pin?: string;
}

/**
 * Runs a flow with a pretend caller and a pretend CRM, answering every request at once:
 * prompts finish playing, lookups answer from the given customers, a voicemail is
 * recorded. Only key presses wait for `press`. For the flow editor's "try it" and for tests.
 */
export class FlowSimulator {
  readonly runner: FlowRunner;
  /** Every action so far, in order. */
  readonly actions: FlowAction[] = [];
  private pending: Extract<FlowAction, { type: 'collect' }> | null = null;
  private readonly customers: SimulatedCustomer[];

  constructor(flow: Flow, call: CallContext, options: FlowRunnerOptions & { customers?: SimulatedCustomer[] }) {
    this.runner = new FlowRunner(flow, call, options);
    this.customers = options.customers ?? [];
  }

  start(): this {
    return this.send({ type: 'started' });
  }

  /**
   * Answers the waiting collects, one entry each: keys, ending with the terminator to end
   * with it; '' for silence; keys without terminator end by a pause (or at the maximum).
   */
  press(...entries: string[]): this {
    for (const entry of entries) {
      const collect = this.pending;
      if (!collect) throw new Error(`nobody is asking for keys (runner ${this.runner.status} at ${this.runner.nodeId}); "${entry}" left over`);
      this.pending = null;
      this.send({ type: 'digitsCollected', seq: collect.seq, ...collected(entry, collect) });
    }
    return this;
  }

  /** Sends one event and answers the requests that follow, as far as they answer themselves. */
  send(event: FlowEvent): this {
    let next: FlowEvent | null = event;
    while (next) {
      const actions = this.runner.handle(next);
      this.actions.push(...actions);
      const request = actions.filter((action): action is RequestAction => 'seq' in action).at(-1);
      next = null;
      if (request?.type === 'collect') this.pending = request;
      else if (request) next = this.answer(request);
    }
    return this;
  }

  get waitingForKeys(): boolean {
    return this.pending !== null;
  }

  /** Node ids in the order the caller entered them. */
  visited(): string[] {
    return this.runner.path.filter((step) => step.entry).map((step) => step.nodeId);
  }

  /** Every spoken text, in order. */
  spoken(): string[] {
    return this.actions.flatMap((action) =>
      action.type === 'play' || action.type === 'collect' ? action.prompts.flatMap((prompt) => (prompt.kind === 'speech' ? [prompt.text] : [])) : [],
    );
  }

  of<T extends FlowAction['type']>(type: T): Extract<FlowAction, { type: T }>[] {
    return this.actions.filter((action): action is Extract<FlowAction, { type: T }> => action.type === type);
  }

  last<T extends FlowAction['type']>(type: T): Extract<FlowAction, { type: T }> | undefined {
    return this.of(type).at(-1);
  }

  private answer(request: Exclude<RequestAction, { type: 'collect' }>): FlowEvent {
    switch (request.type) {
      case 'play':
        return { type: 'playbackDone', reason: 'finished', seq: request.seq };
      case 'crmLookup': {
        const customer = this.customers.find((candidate) => (request.by === 'caller' ? candidate.phoneNumber : candidate.accountNumber) === request.value);
        return { type: 'crmResult', customer: customer ? withoutPin(customer) : null, seq: request.seq };
      }
      case 'verifyPin': {
        const customer = this.customers.find((candidate) => candidate.accountNumber === request.accountNumber && candidate.pin === request.pin);
        return { type: 'crmResult', customer: customer ? withoutPin(customer) : null, seq: request.seq };
      }
      case 'recordVoicemail':
        return { type: 'voicemailDone', recordingId: `voicemail-${request.seq}`, seq: request.seq };
    }
  }

}

function collected(entry: string, collect: Extract<FlowAction, { type: 'collect' }>): Pick<Extract<FlowEvent, { type: 'digitsCollected' }>, 'digits' | 'reason'> {
  if (collect.terminator && entry.endsWith(collect.terminator)) return { digits: entry.slice(0, -1).slice(0, collect.maxDigits), reason: 'terminator' };
  if (entry.length >= collect.maxDigits) return { digits: entry.slice(0, collect.maxDigits), reason: 'max-digits' };
  return { digits: entry, reason: 'timeout' };
}

function withoutPin({ pin: _pin, ...customer }: SimulatedCustomer): CrmCustomer {
  return customer;
}
