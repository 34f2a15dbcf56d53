import { parseTemplate, type TemplateFilter } from '@ccx/contracts';
import { type VariableValue } from './runner-types.js';

/**
 * Fills `{{variable}}` placeholders (syntax in contracts `ivr/template.ts`) with call
 * variables, for speech and for values. A missing variable reads as nothing. Each value is
 * cut to 200 characters: a caller identity from a SIP header must not turn a prompt into
 * a lecture.
 */
const MAX_VALUE_CHARS = 200;

export type VariableLookup = (name: string) => VariableValue | undefined;

export function renderTemplate(source: string, lookup: VariableLookup): string {
  const parsed = parseTemplate(source);
  // Flows are validated before they run; a malformed text is spoken as written.
  if (!parsed.ok) return source;
  return parsed.segments.map((segment) => ('text' in segment ? segment.text : format(lookup(segment.variable), segment.filter))).join('');
}

/**
 * A value for a variable: a template that is one bare placeholder keeps the variable's own
 * type (`{{priority}}` stays a number), anything else is rendered text.
 */
export function renderValue(source: string, lookup: VariableLookup): VariableValue {
  const parsed = parseTemplate(source);
  const only = parsed.ok && parsed.segments.length === 1 ? parsed.segments[0] : undefined;
  if (only && 'variable' in only && only.filter === null) return lookup(only.variable) ?? null;
  return renderTemplate(source, lookup);
}

/** A variable as text: '' for nothing, `true` / `false` for flags. */
export function asText(value: VariableValue | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** A variable as a number, or NaN when it is not one (so every comparison with it is false). */
export function asNumber(value: VariableValue | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  return Number.NaN;
}

function format(value: VariableValue | undefined, filter: TemplateFilter | null): string {
  const text = asText(value).slice(0, MAX_VALUE_CHARS);
  switch (filter) {
    case null:
      return text;
    case 'money': {
      const cents = asNumber(value);
      if (!Number.isFinite(cents)) return '';
      const sign = cents < 0 ? '-' : '';
      const abs = Math.round(Math.abs(cents));
      return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
    }
    case 'spell':
      return [...text].join(' ');
  }
}
