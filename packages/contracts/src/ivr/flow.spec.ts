import { describe, expect, it } from 'vitest';
import { type Flow } from './flow.js';
import { flowReferences, FlowSchema, formatFlowIssue, nodeTargets, validateFlow } from './flow-validation.js';
import { parseTemplate, templateVariables } from './template.js';

/**
 * Reads the fixture folders. Contracts carries no Node types (the browser apps share it),
 * so the little of Node this spec needs is declared here and the file system is reached
 * through `process.getBuiltinModule` (Node ≥ 20.16).
 */
interface FsLike {
  readdirSync(path: string): string[];
  readFileSync(path: string, encoding: 'utf8'): string;
}
declare const process: { getBuiltinModule(id: 'node:fs'): FsLike };
const fs = process.getBuiltinModule('node:fs');
const here = decodeURIComponent((import.meta as unknown as { url: string }).url.replace(/^file:\/\//, '').replace(/[^/]*$/, ''));
const fixtureDir = (kind: 'good' | 'bad') => `${here}fixtures/${kind}/`;
const fixtureNames = (kind: 'good' | 'bad') => fs.readdirSync(fixtureDir(kind)).filter((name) => name.endsWith('.json')).sort();
const readFixture = (kind: 'good' | 'bad', name: string): unknown => JSON.parse(fs.readFileSync(fixtureDir(kind) + name, 'utf8'));

/** Each known-bad flow, with every error it must produce: `path: message` (the message may be cut short). */
const EXPECTED_ERRORS: Record<string, string[]> = {
  'assigns-read-only-variable.json': ['nodes.set.assign.0.variable: "caller" is set by the call or the CRM and cannot be assigned'],
  'bad-conditions.json': [
    'nodes.check.branches.0.when.conditions.1.value: not a valid regular expression',
    'nodes.check.branches.1.when.to: ends at 08:00, not after its start 18:00',
    'nodes.check.branches.2.when.op: Invalid discriminator value',
  ],
  'bad-placeholders.json': ['nodes.welcome.prompt.en: "{{" without a matching "}}"', 'nodes.welcome.prompt.zh: unknown variable "acount"'],
  'bad-prompt-parts.json': [
    'nodes.welcome.prompt.en: a prompt part is {"say": "text"} or {"file": "name.wav"}',
    'nodes.welcome.prompt.zh.file: a recorded prompt is a .wav name relative to the prompts folder',
  ],
  'bad-variable-name.json': ['nodes.set.assign.1.variable: a variable name is a word'],
  'business-hours-calendar-and-inline.json': [
    'nodes.hours.calendar: name a calendar or give the hours inline (timeZone, weekly, holidays), not both',
    'nodes.again.timeZone: required (or name a calendar)',
    'nodes.again.weekly: required (or name a calendar)',
  ],
  'business-hours-ranges.json': [
    'nodes.hours.weekly.mon.1.to: ends at 13:00, not after its start 18:00',
    'nodes.hours.weekly.tue.0.from: a time of day is HH:MM',
    'nodes.hours.holidays.0.date: a date is YYYY-MM-DD',
  ],
  'collect-min-over-max.json': ['nodes.account.minDigits: 8 is more than maxDigits 6'],
  'duplicate-menu-key.json': ['nodes.main-menu.options.2.key: key "1" is used by an earlier option'],
  'language-choice-unknown-language.json': ['nodes.lang.options.1.language: Invalid option'],
  'menu-key-not-one-key.json': ['nodes.main-menu.options.1.key: a key is one of 0–9, * or #'],
  'missing-start.json': ['start: no node "hello"'],
  'missing-target.json': ['nodes.main-menu.options.2.next: no node "billing"'],
  'misspelt-field.json': ['nodes.welcome.next: required', 'nodes.welcome.nxt: unknown field "nxt"'],
  'not-an-object.json': ['(root): Invalid input: expected object'],
  'pin-on-caller-lookup.json': ['nodes.lookup.pin: only a lookup by account takes a PIN'],
  'prompt-language-not-offered.json': [
    'nodes.welcome.prompt.zh: "zh" is not one of the flow\'s languages (en)',
    'nodes.main-menu.prompt.zh: "zh" is not one of the flow\'s languages (en)',
  ],
  'prompt-without-language.json': ['nodes.welcome.prompt: a prompt needs at least one language'],
  'queue-and-transfer-fields.json': [
    'nodes.sales.priority: Too big',
    'nodes.sales.skills.0.minLevel: Too small',
    'nodes.support.to.number: an external number is 2–20 digits',
  ],
  'unknown-condition-variable.json': [
    'nodes.check.branches.0.when.variable: unknown variable "balance"',
    'nodes.check.branches.1.when.condition.value: unknown variable "acount"',
  ],
  'unknown-node-kind.json': ["nodes.sales.kind: Invalid discriminator value. Expected 'play' | 'menu'"],
  'unknown-time-zone.json': ['nodes.hours.timeZone: not a time zone known to Intl'],
  'unreachable-node.json': ['nodes.orphan: not reachable from the start node "welcome"'],
  'wrong-schema-version.json': ['schemaVersion: Invalid input: expected 1'],
};

function expectValid(input: unknown): Flow {
  const result = validateFlow(input);
  if (!result.ok) throw new Error(result.errors.map(formatFlowIssue).join('\n'));
  return result.flow;
}

/** The most menus a caller passes through to reach a menu, counting it: how deep menus nest. */
function menuDepth(flow: Flow): number {
  const depth = new Map<string, number>([[flow.start, flow.nodes[flow.start]!.kind === 'menu' ? 1 : 0]]);
  const pending = [flow.start];
  // Breadth-first: each node counts the menus on its shortest path, so "back" keys do not inflate it.
  while (pending.length > 0) {
    const id = pending.shift()!;
    for (const { target } of nodeTargets(flow.nodes[id]!)) {
      if (depth.has(target)) continue;
      depth.set(target, depth.get(id)! + (flow.nodes[target]!.kind === 'menu' ? 1 : 0));
      pending.push(target);
    }
  }
  return Math.max(...depth.values());
}

describe('IVR flow fixtures', () => {
  it.each(fixtureNames('good'))('accepts the known-good flow %s', (name) => {
    expectValid(readFixture('good', name));
  });

  it.each(fixtureNames('bad'))('refuses the known-bad flow %s, naming node and field', (name) => {
    const result = validateFlow(readFixture('bad', name));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const expected = EXPECTED_ERRORS[name];
    expect(expected, `${name} needs an entry in EXPECTED_ERRORS`).toBeDefined();
    const got = result.errors.map(formatFlowIssue);
    expect(got).toHaveLength(expected!.length);
    expected!.forEach((line, index) => expect(got[index]).toContain(line));
  });

  it('keeps the expectations and the bad folder in step', () => {
    expect(Object.keys(EXPECTED_ERRORS).sort()).toEqual(fixtureNames('bad'));
  });
});

describe('demo flow', () => {
  const demo = expectValid(readFixture('good', 'demo-main.json'));

  it('uses every node kind', () => {
    const kinds = new Set(Object.values(demo.nodes).map((node) => node.kind));
    expect([...kinds].sort()).toEqual(
      ['businessHours', 'callback', 'collect', 'condition', 'crmLookup', 'hangup', 'languageChoice', 'menu', 'play', 'queue', 'setVariable', 'survey', 'transfer', 'voicemail'].sort(),
    );
  });

  it('nests menus five levels deep', () => {
    expect(menuDepth(demo)).toBeGreaterThanOrEqual(5);
  });

  it('offers Mandarin on 1 and English on 2, and speaks both', () => {
    const choice = demo.nodes['choose-language'];
    expect(choice?.kind === 'languageChoice' && choice.options).toEqual([
      { key: '1', language: 'zh' },
      { key: '2', language: 'en' },
    ]);
    for (const node of Object.values(demo.nodes)) {
      if ('prompt' in node && node.prompt) expect(Object.keys(node.prompt)).toEqual(expect.arrayContaining(['en', 'zh']));
    }
  });
});

describe('flow schema', () => {
  it('applies defaults to a minimal flow', () => {
    const flow = expectValid(readFixture('good', 'minimal.json'));
    expect(flow.languages).toEqual(['en']);
    expect(flow.defaultLanguage).toBe('en');
    expect(flow.defaults).toEqual({ timeoutMs: 5000, interDigitTimeoutMs: 3000, retries: 2 });
    expect(flow.nodes.bye).toEqual({ kind: 'hangup', reason: 'completed' });
  });

  it('reports cross-node problems as zod issues too, for the REST edge', () => {
    const flow = readFixture('bad', 'missing-target.json');
    const result = FlowSchema.safeParse(flow);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['nodes.main-menu.options.2.next']);
  });

  it('reports the closest alternative of a union, not a bare "invalid input"', () => {
    const flow = readFixture('good', 'minimal.json') as { nodes: Record<string, Record<string, unknown>> };
    flow.nodes.hello!.prompt = { en: [{ say: 'Hello' }, { file: 'x.mp3' }] };
    const result = validateFlow(flow);
    expect(!result.ok && result.errors.map(formatFlowIssue)).toEqual(['nodes.hello.prompt.en.1.file: a recorded prompt is a .wav name relative to the prompts folder, without ".."']);
  });
});

describe('flow references', () => {
  it('names every queue and calendar a flow needs, with its field', () => {
    const flow = expectValid(readFixture('good', 'calendar-hours.json'));
    expect(flowReferences(flow)).toEqual([
      { kind: 'calendar', name: 'Head office', path: 'nodes.hours.calendar' },
      { kind: 'queue', name: 'Support', path: 'nodes.support.queue' },
    ]);
  });

  it('finds the queues of queue and callback nodes in the demo flow', () => {
    const names = new Set(flowReferences(expectValid(readFixture('good', 'demo-main.json'))).filter((r) => r.kind === 'queue').map((r) => r.name));
    expect([...names].sort()).toEqual(['Sales', 'Support']);
  });
});

describe('templates', () => {
  it('parses placeholders with optional filters', () => {
    expect(parseTemplate('Balance {{ customer.balanceCents | money }} for {{account}}.')).toEqual({
      ok: true,
      segments: [{ text: 'Balance ' }, { variable: 'customer.balanceCents', filter: 'money' }, { text: ' for ' }, { variable: 'account', filter: null }, { text: '.' }],
    });
    expect(templateVariables('{{a}}{{b.c|spell}}')).toEqual(['a', 'b.c']);
  });

  it.each([
    ['{{a', '"{{" without a matching "}}"'],
    ['a}}', '"}}" without a matching "{{"'],
    ['{{a|shout}}', 'unknown filter "shout"'],
    ['{{a|money|spell}}', 'more than one filter'],
    ['{{1a}}', '"1a" is not a variable name'],
    ['{{a.b.c}}', 'is not a variable name'],
  ])('refuses %s', (source, error) => {
    const parsed = parseTemplate(source);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(error);
  });
});
