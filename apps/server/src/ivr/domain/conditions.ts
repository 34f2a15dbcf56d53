import { type Condition } from '@ccx/contracts';
import { inTimeWindow } from './business-hours.js';
import { type VariableValue } from './runner-types.js';
import { asNumber, asText } from './template.js';

/**
 * Evaluates a condition node's tests. Equality and lists compare as text (`"1"` equals
 * `1`); ordering compares as numbers and is false when either side is not a number, so a
 * missing CRM field never passes `lt 0`.
 */
export interface ConditionScope {
  get(name: string): VariableValue | undefined;
  /** Renders a string operand, which may hold placeholders. */
  render(text: string): string;
  now(): number;
}

export function evaluateCondition(condition: Condition, scope: ConditionScope): boolean {
  switch (condition.op) {
    case 'all':
      return condition.conditions.every((inner) => evaluateCondition(inner, scope));
    case 'any':
      return condition.conditions.some((inner) => evaluateCondition(inner, scope));
    case 'not':
      return !evaluateCondition(condition.condition, scope);
    case 'time':
      return inTimeWindow(condition, scope.now());
    case 'exists':
      return asText(scope.get(condition.variable)) !== '';
    case 'empty':
      return asText(scope.get(condition.variable)) === '';
    case 'in':
    case 'notIn': {
      const value = asText(scope.get(condition.variable));
      const found = condition.values.some((candidate) => asText(candidate) === value);
      return condition.op === 'in' ? found : !found;
    }
    case 'matches':
      return new RegExp(condition.value).test(asText(scope.get(condition.variable)));
    default: {
      const left = scope.get(condition.variable);
      const right = typeof condition.value === 'string' ? scope.render(condition.value) : condition.value;
      switch (condition.op) {
        case 'eq':
          return asText(left) === asText(right);
        case 'ne':
          return asText(left) !== asText(right);
        case 'startsWith':
          return asText(left).startsWith(asText(right));
        case 'lt':
          return asNumber(left) < asNumber(right);
        case 'lte':
          return asNumber(left) <= asNumber(right);
        case 'gt':
          return asNumber(left) > asNumber(right);
        case 'gte':
          return asNumber(left) >= asNumber(right);
      }
    }
  }
}
