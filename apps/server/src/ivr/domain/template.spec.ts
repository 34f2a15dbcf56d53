import { describe, expect, it } from 'vitest';
import { asNumber, renderTemplate, renderValue } from './template.js';

const variables: Record<string, string | number | boolean | null> = {
  name: 'Li Wei',
  balance: 1234567,
  debt: -4210,
  small: 5,
  account: '10001',
  vip: true,
  nothing: null,
};
const lookup = (name: string) => variables[name];

describe(renderTemplate.name, () => {
  it('fills placeholders, with or without spaces, and reads a missing variable as nothing', () => {
    expect(renderTemplate('Hello {{ name }}, {{vip}}.{{unknown}}', lookup)).toBe('Hello Li Wei, true.');
    expect(renderTemplate('[{{nothing}}]', lookup)).toBe('[]');
  });

  it('formats cents as money and spells digits one by one', () => {
    expect(renderTemplate('{{balance|money}} {{debt | money}} {{small|money}} {{name|money}}', lookup)).toBe('12345.67 -42.10 0.05 ');
    expect(renderTemplate('{{account|spell}}', lookup)).toBe('1 0 0 0 1');
  });

  it('cuts a long value to 200 characters', () => {
    expect(renderTemplate('{{long}}', () => 'x'.repeat(500))).toHaveLength(200);
  });
});

describe(renderValue.name, () => {
  it('keeps the type of a bare placeholder and renders anything else as text', () => {
    expect(renderValue('{{balance}}', lookup)).toBe(1234567);
    expect(renderValue('{{vip}}', lookup)).toBe(true);
    expect(renderValue('{{unknown}}', lookup)).toBeNull();
    expect(renderValue(' {{balance}}', lookup)).toBe(' 1234567');
    expect(renderValue('{{balance|money}}', lookup)).toBe('12345.67');
  });
});

describe(asNumber.name, () => {
  it('reads numbers and numeric text, nothing else', () => {
    expect([asNumber(3), asNumber(' -4.5 '), asNumber('12a'), asNumber(''), asNumber(null), asNumber(true)]).toEqual([3, -4.5, NaN, NaN, NaN, NaN]);
  });
});
