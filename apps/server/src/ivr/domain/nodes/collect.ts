import { type FlowNodeOf } from '@ccx/contracts';
import { HIDDEN_INPUT } from '../runner-types.js';
import { ask, askAgain, askSpec } from './ask.js';
import { goTo, type NodeHandler, type RunContext, WAIT } from './node-handler.js';

const collectSpec = (run: RunContext, node: FlowNodeOf<'collect'>) =>
  askSpec(run, {
    prompt: node.prompt,
    minDigits: node.minDigits,
    maxDigits: node.maxDigits,
    terminator: node.terminator,
    timeoutMs: node.timeoutMs,
    interDigitTimeoutMs: node.interDigitTimeoutMs,
    retries: node.retries,
    invalidPrompt: node.invalidPrompt,
    noInputPrompt: node.noInputPrompt,
  });

/**
 * Collects a number into the node's variable (and `digits`, unless secret). A pause after
 * enough digits ends the entry as well as the terminator does; too few digits, a key other
 * than 0–9 (a `*` when `#` ends the entry), or digits that fail the pattern are invalid.
 */
export const collectNode: NodeHandler<'collect'> = {
  enter: (node, run) => ask(run, collectSpec(run, node)),
  resume(node, run, event) {
    if (event.type !== 'digitsCollected') return WAIT;
    const spec = collectSpec(run, node);
    const digits = event.digits;
    if (digits === '') {
      run.step({ outcome: 'no-input' });
      return askAgain(run, spec, 'no-input') ?? goTo(node.onNoInput ?? node.onFailure);
    }
    const shown = node.secret ? HIDDEN_INPUT : digits;
    const valid =
      /^[0-9]+$/.test(digits) && digits.length >= node.minDigits && digits.length <= node.maxDigits && (node.pattern === undefined || new RegExp(node.pattern).test(digits));
    if (!valid) {
      run.step({ input: shown, outcome: 'invalid' });
      return askAgain(run, spec, 'invalid') ?? goTo(node.onFailure);
    }
    run.set(node.variable, digits, { secret: node.secret });
    if (!node.secret) run.set('digits', digits);
    run.step({ input: shown, outcome: 'ok' });
    return goTo(node.next);
  },
};
