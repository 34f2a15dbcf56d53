import { type FlowNodeOf } from '@ccx/contracts';
import { ask, askSpec, ONE_KEY } from './ask.js';
import { goTo, type NodeHandler, type RunContext, WAIT } from './node-handler.js';

/** A number the trunk can dial: digits, optionally after "+". A web identity is not one. */
const DIALABLE = /^\+?[0-9]{3,20}$/;

const callbackNumber = (node: FlowNodeOf<'callback'>, run: RunContext) => run.render(node.number ?? '{{caller}}').trim();

/** Offers a call back; the accept key schedules it (`scheduleCallback`), anything else declines. Asked once. */
export const callbackNode: NodeHandler<'callback'> = {
  enter(node, run) {
    if (!DIALABLE.test(callbackNumber(node, run))) return goTo(node.declined, 'no number to call back');
    return ask(run, askSpec(run, { ...ONE_KEY, prompt: node.prompt, timeoutMs: node.timeoutMs, retries: 0 }));
  },
  resume(node, run, event) {
    if (event.type !== 'digitsCollected') return WAIT;
    const key = event.digits.slice(0, 1);
    if (key !== node.acceptKey) {
      run.step(key === '' ? { outcome: 'no-input' } : { input: key, outcome: 'declined' });
      return goTo(node.declined);
    }
    const number = callbackNumber(node, run);
    run.emit({ type: 'scheduleCallback', number, queue: node.queue, language: run.language(), customerId: run.customerId() });
    run.step({ input: key, outcome: 'accepted' });
    return goTo(node.accepted);
  },
};
