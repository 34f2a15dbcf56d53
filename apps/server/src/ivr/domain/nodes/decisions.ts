import { businessHoursState } from '../business-hours.js';
import { evaluateCondition } from '../conditions.js';
import { type VariableValue } from '../runner-types.js';
import { asNumber } from '../template.js';
import { goTo, type NodeHandler, WAIT } from './node-handler.js';

/** The nodes that decide at once, without the caller: they never wait. */

export const conditionNode: NodeHandler<'condition'> = {
  enter(node, run) {
    const scope = { get: (name: string) => run.get(name), render: (text: string) => run.render(text), now: () => run.now() };
    const index = node.branches.findIndex((branch) => evaluateCondition(branch.when, scope));
    const branch = node.branches[index];
    return branch ? goTo(branch.next, branch.label ?? `branch ${index + 1}`) : goTo(node.otherwise, 'otherwise');
  },
  resume: () => WAIT,
};

export const businessHoursNode: NodeHandler<'businessHours'> = {
  enter(node, run) {
    const forced = run.hoursOverride();
    const state = forced ?? businessHoursState(node, run.now());
    const next = state === 'open' ? node.open : state === 'holiday' ? (node.holiday ?? node.closed) : node.closed;
    return goTo(next, forced ? `${state} (override)` : state);
  },
  resume: () => WAIT,
};

/** Assigns in order, so a later assignment sees an earlier one. `language` only takes one of the flow's languages. */
export const setVariableNode: NodeHandler<'setVariable'> = {
  enter(node, run) {
    for (const assignment of node.assign) {
      let value: VariableValue;
      if ('add' in assignment) {
        const current = asNumber(run.get(assignment.variable) ?? null);
        value = (Number.isFinite(current) ? current : 0) + assignment.add;
      } else {
        value = typeof assignment.value === 'string' ? run.renderValue(assignment.value) : assignment.value;
      }
      if (assignment.variable === 'language' && !(run.flow.languages as VariableValue[]).includes(value)) continue;
      run.set(assignment.variable, value);
    }
    return goTo(node.next);
  },
  resume: () => WAIT,
};
