import { type Condition } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from './conditions.js';
import { type VariableValue } from './runner-types.js';
import { renderTemplate } from './template.js';

const variables: Record<string, VariableValue> = {
  caller: '+8613800138000',
  digits: '10001',
  account: '10001',
  'customer.balanceCents': -4210,
  'customer.found': true,
  callerList: null,
};
const scope = {
  get: (name: string) => variables[name],
  render: (text: string) => renderTemplate(text, (name) => variables[name]),
  now: () => Date.parse('2025-06-16T12:15:00+08:00'),
};
const holds = (condition: Condition) => evaluateCondition(condition, scope);

describe(evaluateCondition.name, () => {
  it('compares as text for equality, with placeholders in the value', () => {
    expect(holds({ op: 'eq', variable: 'digits', value: 10001 })).toBe(true);
    expect(holds({ op: 'eq', variable: 'digits', value: '{{account}}' })).toBe(true);
    expect(holds({ op: 'ne', variable: 'callerList', value: 'vip' })).toBe(true);
    expect(holds({ op: 'eq', variable: 'customer.found', value: true })).toBe(true);
    expect(holds({ op: 'startsWith', variable: 'caller', value: '+86' })).toBe(true);
  });

  it('orders as numbers, and never passes when a side is not a number', () => {
    expect(holds({ op: 'lt', variable: 'customer.balanceCents', value: 0 })).toBe(true);
    expect(holds({ op: 'gte', variable: 'digits', value: '10000' })).toBe(true);
    expect(holds({ op: 'lt', variable: 'missing', value: 0 })).toBe(false);
    expect(holds({ op: 'gte', variable: 'missing', value: 0 })).toBe(false);
  });

  it('tests lists, presence and patterns', () => {
    expect(holds({ op: 'in', variable: 'digits', values: ['1', 10001] })).toBe(true);
    expect(holds({ op: 'notIn', variable: 'digits', values: ['1'] })).toBe(true);
    expect(holds({ op: 'exists', variable: 'callerList' })).toBe(false);
    expect(holds({ op: 'empty', variable: 'missing' })).toBe(true);
    expect(holds({ op: 'matches', variable: 'caller', value: '^\\+86 ?1[3-9]' })).toBe(true);
  });

  it('combines with all, any and not, and reads the time in the given zone', () => {
    const lunchInShanghai: Condition = { op: 'time', timeZone: 'Asia/Shanghai', from: '12:00', to: '13:00' };
    expect(holds({ op: 'all', conditions: [lunchInShanghai, { op: 'exists', variable: 'caller' }] })).toBe(true);
    expect(holds({ op: 'time', timeZone: 'UTC', from: '12:00', to: '13:00' })).toBe(false);
    expect(holds({ op: 'any', conditions: [{ op: 'exists', variable: 'missing' }, { op: 'not', condition: lunchInShanghai }] })).toBe(false);
  });
});
