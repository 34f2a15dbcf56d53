import { type FlowNodeOf } from '@ccx/contracts';
import { ask, askAgain, askSpec, ONE_KEY } from './ask.js';
import { goTo, type NodeHandler, type RunContext, WAIT } from './node-handler.js';

const menuSpec = (run: RunContext, node: FlowNodeOf<'menu'>) =>
  askSpec(run, { ...ONE_KEY, prompt: node.prompt, timeoutMs: node.timeoutMs, retries: node.retries, invalidPrompt: node.invalidPrompt, noInputPrompt: node.noInputPrompt });

/**
 * A menu: one key picks an option. Invalid keys and silence share the retries; then
 * silence goes to `onNoInput` (if set) and anything else to `onFailure`.
 */
export const menuNode: NodeHandler<'menu'> = {
  enter: (node, run) => ask(run, menuSpec(run, node)),
  resume(node, run, event) {
    if (event.type !== 'digitsCollected') return WAIT;
    const spec = menuSpec(run, node);
    const key = event.digits.slice(0, 1);
    if (key === '') {
      run.step({ outcome: 'no-input' });
      return askAgain(run, spec, 'no-input') ?? goTo(node.onNoInput ?? node.onFailure);
    }
    run.set('digits', key);
    const option = node.options.find((candidate) => candidate.key === key);
    if (!option) {
      run.step({ input: key, outcome: 'invalid' });
      return askAgain(run, spec, 'invalid') ?? goTo(node.onFailure);
    }
    run.step({ input: key, outcome: option.label ?? option.next });
    return goTo(option.next);
  },
};

const languageSpec = (run: RunContext, node: FlowNodeOf<'languageChoice'>) =>
  askSpec(run, { ...ONE_KEY, prompt: node.prompt, allLanguages: true, timeoutMs: node.timeoutMs, retries: node.retries });

/** Sets `language` from the key pressed; with no valid key after the retries, the default. */
export const languageChoiceNode: NodeHandler<'languageChoice'> = {
  enter: (node, run) => ask(run, languageSpec(run, node)),
  resume(node, run, event) {
    if (event.type !== 'digitsCollected') return WAIT;
    const key = event.digits.slice(0, 1);
    const option = node.options.find((candidate) => candidate.key === key);
    if (option) {
      run.set('language', option.language);
      run.step({ input: key, outcome: option.language });
      return goTo(node.next);
    }
    run.step(key === '' ? { outcome: 'no-input' } : { input: key, outcome: 'invalid' });
    const again = askAgain(run, languageSpec(run, node), key === '' ? 'no-input' : 'invalid');
    if (again) return again;
    const fallback = node.default ?? run.language();
    run.set('language', fallback);
    return goTo(node.next, `default ${fallback}`);
  },
};
