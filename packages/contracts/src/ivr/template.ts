/**
 * The `{{variable}}` placeholders of IVR prompt texts and other flow strings, parsed once
 * here so the flow validator (contracts) and the flow runner (server) read them alike.
 *
 * Syntax: `{{ name }}` or `{{ name | filter }}`. A name is a variable name (`account`,
 * `customer.balanceCents`); a filter formats the value for speech:
 * - `money`: a count of cents as units with two decimals (`-4210` → `-42.10`);
 * - `spell`: every character on its own, so digits are read one by one (`10001` → `1 0 0 0 1`).
 */
export const TEMPLATE_FILTERS = ['money', 'spell'] as const;
export type TemplateFilter = (typeof TEMPLATE_FILTERS)[number];

/** A variable name: a word, optionally one dotted namespace (`customer.name`). */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,31}(?:\.[A-Za-z][A-Za-z0-9_]{0,31})?$/;

export type TemplateSegment = { text: string } | { variable: string; filter: TemplateFilter | null };

export type ParsedTemplate = { ok: true; segments: TemplateSegment[] } | { ok: false; error: string };

export function parseTemplate(source: string): ParsedTemplate {
  const segments: TemplateSegment[] = [];
  let rest = source;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    const strayClose = rest.indexOf('}}');
    if (strayClose !== -1 && (open === -1 || strayClose < open)) return { ok: false, error: '"}}" without a matching "{{"' };
    if (open === -1) {
      segments.push({ text: rest });
      break;
    }
    if (open > 0) segments.push({ text: rest.slice(0, open) });
    const close = rest.indexOf('}}', open + 2);
    if (close === -1) return { ok: false, error: '"{{" without a matching "}}"' };
    const inner = rest.slice(open + 2, close);
    if (inner.includes('{')) return { ok: false, error: '"{{" without a matching "}}"' };
    const [rawName = '', rawFilter, ...extra] = inner.split('|').map((part) => part.trim());
    if (extra.length > 0) return { ok: false, error: `placeholder {{${inner}}} has more than one filter` };
    if (!VARIABLE_NAME_PATTERN.test(rawName)) return { ok: false, error: `"${rawName}" is not a variable name` };
    let filter: TemplateFilter | null = null;
    if (rawFilter !== undefined) {
      if (!(TEMPLATE_FILTERS as readonly string[]).includes(rawFilter)) {
        return { ok: false, error: `unknown filter "${rawFilter}" (known: ${TEMPLATE_FILTERS.join(', ')})` };
      }
      filter = rawFilter as TemplateFilter;
    }
    segments.push({ variable: rawName, filter });
    rest = rest.slice(close + 2);
  }
  return { ok: true, segments };
}

/** The variables a (well-formed) template reads; none for a malformed one. */
export function templateVariables(source: string): string[] {
  const parsed = parseTemplate(source);
  if (!parsed.ok) return [];
  return parsed.segments.flatMap((segment) => ('variable' in segment ? [segment.variable] : []));
}

/** True when the text has no placeholder: its speech can be rendered before any call. */
export function isStaticTemplate(source: string): boolean {
  const parsed = parseTemplate(source);
  return parsed.ok && parsed.segments.every((segment) => 'text' in segment);
}
