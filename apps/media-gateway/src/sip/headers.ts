/**
 * SIP header fields in arrival order, with names folded to one canonical lower-case long
 * form (compact forms `v`, `f`, `t`, `i`, `m`, `l`, `c`, … expanded), and comma-separated
 * lists split into one entry per value for the headers RFC 3261 lets be combined.
 */
const COMPACT: Record<string, string> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
  o: 'event',
  u: 'allow-events',
  r: 'refer-to',
  b: 'referred-by',
  x: 'session-expires',
};

/** Headers whose values may be combined with commas (RFC 3261 7.3.1) and which we split. */
const LIST_HEADERS = new Set([
  'via',
  'contact',
  'route',
  'record-route',
  'allow',
  'supported',
  'require',
  'proxy-require',
  'unsupported',
  'accept',
  'accept-encoding',
  'accept-language',
  'allow-events',
]);

/** Canonical spelling for serialisation; unknown headers keep the case they came with. */
const DISPLAY: Record<string, string> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'max-forwards': 'Max-Forwards',
};

export function canonicalName(name: string): string {
  const lower = name.trim().toLowerCase();
  return COMPACT[lower] ?? lower;
}

function displayName(canonical: string, original: string): string {
  if (DISPLAY[canonical]) return DISPLAY[canonical];
  if (original.length > 1 && original.toLowerCase() === canonical) {
    return canonical.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
  }
  return original.length === 1 ? displayName(canonical, canonical) : original;
}

/** Splits on commas outside quotes and angle brackets. */
export function splitList(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '<') depth++;
    else if (ch === '>') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts;
}

export class SipHeaders {
  private readonly entries: { name: string; display: string; value: string }[] = [];

  /** Adds a header as received; list headers are split into their values. */
  append(name: string, value: string): void {
    const canonical = canonicalName(name);
    const display = displayName(canonical, name.trim());
    const values = LIST_HEADERS.has(canonical) && !(canonical === 'contact' && value.trim() === '*') ? splitList(value) : [value.trim()];
    for (const v of values) this.entries.push({ name: canonical, display, value: v });
  }

  /** Adds a value before every existing one of that name (a new top Via, say). */
  prepend(name: string, value: string): void {
    const canonical = canonicalName(name);
    this.entries.unshift({ name: canonical, display: displayName(canonical, name), value });
  }

  set(name: string, value: string): void {
    this.remove(name);
    this.append(name, value);
  }

  get(name: string): string | undefined {
    const canonical = canonicalName(name);
    return this.entries.find((e) => e.name === canonical)?.value;
  }

  getAll(name: string): string[] {
    const canonical = canonicalName(name);
    return this.entries.filter((e) => e.name === canonical).map((e) => e.value);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  remove(name: string): void {
    const canonical = canonicalName(name);
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]!.name === canonical) this.entries.splice(i, 1);
  }

  /** Removes the first value of a header (the top Via, say). */
  shift(name: string): string | undefined {
    const canonical = canonicalName(name);
    const index = this.entries.findIndex((e) => e.name === canonical);
    if (index < 0) return undefined;
    return this.entries.splice(index, 1)[0]!.value;
  }

  names(): string[] {
    return [...new Set(this.entries.map((e) => e.name))];
  }

  clone(): SipHeaders {
    const copy = new SipHeaders();
    copy.entries.push(...this.entries.map((e) => ({ ...e })));
    return copy;
  }

  /** One line per value, in order; Content-Length is written by the serialiser. */
  toLines(): string[] {
    return this.entries.filter((e) => e.name !== 'content-length').map((e) => `${e.display}: ${e.value}`);
  }
}
