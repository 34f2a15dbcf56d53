import { type z } from 'zod';
import { type FieldIssue } from '../errors.js';
import { type Condition } from './condition.js';
import { type Flow, type FlowNode, FlowShapeSchema } from './flow.js';
import { CALL_VARIABLES, CUSTOMER_VARIABLES, type FlowLanguage, isReadOnlyVariable, LANGUAGE_VARIABLE } from './flow-basics.js';
import { type LocalizedPrompt, type PromptPart, type PromptVariant } from './prompt.js';
import { templateVariables } from './template.js';

/**
 * The checks across a flow's nodes, and `validateFlow`, the one entry point for a flow
 * from outside (REST body, seed file, editor). Every problem names its field by a dotted
 * path from the flow's root, so `nodes.main-menu.options.3.next: no node "sales-q"` tells
 * the editor which node and which field to mark.
 *
 * The structure is checked first; the cross-node checks run once it is sound (as zod does
 * with refinements), so a flow with both kinds of fault reports the structural ones first.
 */
type Path = (string | number)[];

export interface FlowTarget {
  /** Path inside the node, e.g. `['options', 3, 'next']`. */
  path: Path;
  target: string;
}

/** Every node a node can lead to, with the field that names it. */
export function nodeTargets(node: FlowNode): FlowTarget[] {
  const fields = (names: string[]): FlowTarget[] =>
    names.flatMap((name) => {
      const target = (node as Record<string, unknown>)[name];
      return typeof target === 'string' ? [{ path: [name], target }] : [];
    });
  switch (node.kind) {
    case 'play':
    case 'setVariable':
    case 'languageChoice':
      return fields(['next']);
    case 'menu':
      return [...node.options.map((option, index) => ({ path: ['options', index, 'next'], target: option.next })), ...fields(['onFailure', 'onNoInput'])];
    case 'collect':
      return fields(['next', 'onFailure', 'onNoInput']);
    case 'condition':
      return [...node.branches.map((branch, index) => ({ path: ['branches', index, 'next'], target: branch.next })), ...fields(['otherwise'])];
    case 'businessHours':
      return fields(['open', 'closed', 'holiday']);
    case 'crmLookup':
      return fields(['found', 'notFound']);
    case 'queue':
    case 'transfer':
      return fields(['afterCall', 'onFailure']);
    case 'voicemail':
    case 'survey':
      return fields(['next']);
    case 'callback':
      return fields(['accepted', 'declined']);
    case 'hangup':
      return [];
  }
}

/** Every prompt of a node, with its field. */
export function nodePrompts(node: FlowNode): { path: Path; prompt: LocalizedPrompt }[] {
  const found: { path: Path; prompt: LocalizedPrompt }[] = [];
  const add = (path: Path, prompt: LocalizedPrompt | undefined) => {
    if (prompt) found.push({ path, prompt });
  };
  if ('prompt' in node) add(['prompt'], node.prompt);
  if ('invalidPrompt' in node) add(['invalidPrompt'], node.invalidPrompt);
  if ('noInputPrompt' in node) add(['noInputPrompt'], node.noInputPrompt);
  if (node.kind === 'survey') {
    node.questions.forEach((question, index) => add(['questions', index, 'prompt'], question.prompt));
    add(['thanks'], node.thanks);
  }
  return found;
}

/** The parts of one language's prompt, with their paths inside the variant. */
export function promptParts(variant: PromptVariant): { path: Path; part: PromptPart }[] {
  if (typeof variant === 'string') return [{ path: [], part: { say: variant } }];
  if (Array.isArray(variant)) return variant.map((part, index) => ({ path: [index], part }));
  return [{ path: [], part: variant }];
}

function promptVariants(prompt: LocalizedPrompt): { language: FlowLanguage; variant: PromptVariant }[] {
  const variants: { language: FlowLanguage; variant: PromptVariant }[] = [];
  if (prompt.en !== undefined) variants.push({ language: 'en', variant: prompt.en });
  if (prompt.zh !== undefined) variants.push({ language: 'zh', variant: prompt.zh });
  return variants;
}

/** Every text of a node that may hold placeholders, with its field. */
function nodeTemplates(node: FlowNode): { path: Path; text: string }[] {
  const found: { path: Path; text: string }[] = [];
  for (const { path, prompt } of nodePrompts(node)) {
    for (const { language, variant } of promptVariants(prompt)) {
      for (const { path: partPath, part } of promptParts(variant)) {
        if ('say' in part) found.push({ path: [...path, language, ...partPath, ...(typeof variant === 'string' ? [] : ['say'])], text: part.say });
      }
    }
  }
  if (node.kind === 'crmLookup') {
    if (node.account !== undefined) found.push({ path: ['account'], text: node.account });
    if (node.pin !== undefined) found.push({ path: ['pin'], text: node.pin });
  }
  if (node.kind === 'setVariable') {
    node.assign.forEach((assignment, index) => {
      if ('value' in assignment && typeof assignment.value === 'string') found.push({ path: ['assign', index, 'value'], text: assignment.value });
    });
  }
  if (node.kind === 'callback' && node.number !== undefined) found.push({ path: ['number'], text: node.number });
  if (node.kind === 'queue' && typeof node.priority === 'string') found.push({ path: ['priority'], text: node.priority });
  return found;
}

/** Variables a node assigns. */
function nodeAssignments(node: FlowNode): { path: Path; variable: string }[] {
  if (node.kind === 'collect') return [{ path: ['variable'], variable: node.variable }];
  if (node.kind === 'setVariable') return node.assign.map((assignment, index) => ({ path: ['assign', index, 'variable'], variable: assignment.variable }));
  return [];
}

const MAX_CONDITION_DEPTH = 6;

function walkCondition(condition: Condition, path: Path, depth: number, visit: (condition: Condition, path: Path, depth: number) => void): void {
  visit(condition, path, depth);
  if (condition.op === 'all' || condition.op === 'any') {
    condition.conditions.forEach((inner, index) => walkCondition(inner, [...path, 'conditions', index], depth + 1, visit));
  } else if (condition.op === 'not') {
    walkCondition(condition.condition, [...path, 'condition'], depth + 1, visit);
  }
}

/** The checks across nodes of a structurally valid flow. */
export function checkFlowGraph(flow: Flow): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const report = (path: Path, message: string) => issues.push({ path: path.map(String).join('.'), message });
  const nodes = Object.entries(flow.nodes);
  const exists = (id: string) => Object.prototype.hasOwnProperty.call(flow.nodes, id);

  if (!exists(flow.start)) report(['start'], `no node "${flow.start}"`);
  if (!flow.languages.includes(flow.defaultLanguage)) report(['defaultLanguage'], `"${flow.defaultLanguage}" is not one of the flow's languages (${flow.languages.join(', ')})`);

  const known = new Set<string>([...CALL_VARIABLES, ...CUSTOMER_VARIABLES, LANGUAGE_VARIABLE]);
  for (const [, node] of nodes) for (const { variable } of nodeAssignments(node)) known.add(variable);

  const checkPromptLanguages = (base: Path, prompt: LocalizedPrompt) => {
    for (const { language } of promptVariants(prompt)) {
      if (!flow.languages.includes(language)) report([...base, language], `"${language}" is not one of the flow's languages (${flow.languages.join(', ')})`);
    }
  };
  for (const key of ['invalidPrompt', 'noInputPrompt'] as const) {
    const prompt = flow.defaults[key];
    if (prompt) checkPromptLanguages(['defaults', key], prompt);
  }

  for (const [id, node] of nodes) {
    const at = (...path: Path): Path => ['nodes', id, ...path];

    for (const { path, target } of nodeTargets(node)) {
      if (!exists(target)) report(at(...path), `no node "${target}"`);
    }
    for (const { path, prompt } of nodePrompts(node)) checkPromptLanguages(at(...path), prompt);
    for (const { path, text } of nodeTemplates(node)) {
      for (const variable of templateVariables(text)) {
        if (!known.has(variable)) report(at(...path), `unknown variable "${variable}" (not set by the call, a CRM lookup, a collect or a setVariable node)`);
      }
    }
    for (const { path, variable } of nodeAssignments(node)) {
      if (isReadOnlyVariable(variable)) report(at(...path), `"${variable}" is set by the call or the CRM and cannot be assigned`);
    }

    switch (node.kind) {
      case 'menu':
      case 'languageChoice': {
        const seen = new Set<string>();
        node.options.forEach((option, index) => {
          if (seen.has(option.key)) report(at('options', index, 'key'), `key "${option.key}" is used by an earlier option`);
          seen.add(option.key);
        });
        if (node.kind === 'languageChoice') {
          node.options.forEach((option, index) => {
            if (!flow.languages.includes(option.language)) report(at('options', index, 'language'), `"${option.language}" is not one of the flow's languages`);
          });
          if (node.default && !flow.languages.includes(node.default)) report(at('default'), `"${node.default}" is not one of the flow's languages`);
        }
        break;
      }
      case 'businessHours': {
        const inline = node.timeZone !== undefined || node.weekly !== undefined || node.holidays !== undefined;
        if (node.calendar !== undefined && inline) {
          report(at('calendar'), 'name a calendar or give the hours inline (timeZone, weekly, holidays), not both');
        } else if (node.calendar === undefined) {
          if (node.timeZone === undefined) report(at('timeZone'), 'required (or name a calendar)');
          if (node.weekly === undefined) report(at('weekly'), 'required (or name a calendar)');
        }
        break;
      }
      case 'collect':
        if (node.minDigits > node.maxDigits) report(at('minDigits'), `${node.minDigits} is more than maxDigits ${node.maxDigits}`);
        break;
      case 'condition':
        node.branches.forEach((branch, index) =>
          walkCondition(branch.when, at('branches', index, 'when'), 1, (condition, path, depth) => {
            if (depth > MAX_CONDITION_DEPTH) report(path, `conditions nest deeper than ${MAX_CONDITION_DEPTH} levels`);
            if ('variable' in condition && !known.has(condition.variable)) report([...path, 'variable'], `unknown variable "${condition.variable}"`);
            if ('value' in condition && typeof condition.value === 'string' && condition.op !== 'matches') {
              for (const variable of templateVariables(condition.value)) {
                if (!known.has(variable)) report([...path, 'value'], `unknown variable "${variable}"`);
              }
            }
          }),
        );
        break;
      case 'crmLookup':
        if (node.by === 'caller') {
          if (node.account !== undefined) report(at('account'), 'only a lookup by account takes an account number');
          if (node.pin !== undefined) report(at('pin'), 'only a lookup by account takes a PIN');
        }
        break;
      case 'survey': {
        const seen = new Set<string>();
        node.questions.forEach((question, index) => {
          if (seen.has(question.id)) report(at('questions', index, 'id'), `question "${question.id}" is asked twice`);
          seen.add(question.id);
        });
        break;
      }
      default:
        break;
    }
  }

  if (exists(flow.start)) {
    const reached = new Set<string>([flow.start]);
    const pending = [flow.start];
    while (pending.length > 0) {
      const node = flow.nodes[pending.pop()!]!;
      for (const { target } of nodeTargets(node)) {
        if (exists(target) && !reached.has(target)) {
          reached.add(target);
          pending.push(target);
        }
      }
    }
    for (const [id] of nodes) if (!reached.has(id)) report(['nodes', id], `not reachable from the start node "${flow.start}"`);
  }
  return issues;
}

/** A name a flow uses that lives outside it (a queue, a business hours calendar), with its field. */
export interface FlowReference {
  kind: 'queue' | 'calendar';
  name: string;
  /** Dotted path from the flow's root, e.g. `nodes.sales.queue`. */
  path: string;
}

/** Every queue and calendar a flow names: what must exist before it may be published. */
export function flowReferences(flow: Flow): FlowReference[] {
  const found: FlowReference[] = [];
  for (const [id, node] of Object.entries(flow.nodes)) {
    if (node.kind === 'queue' || node.kind === 'callback') found.push({ kind: 'queue', name: node.queue, path: `nodes.${id}.queue` });
    if (node.kind === 'businessHours' && node.calendar !== undefined) found.push({ kind: 'calendar', name: node.calendar, path: `nodes.${id}.calendar` });
  }
  return found;
}

/** The flow schema with every check: parse REST bodies with this one. */
export const FlowSchema = FlowShapeSchema.superRefine((flow, ctx) => {
  for (const issue of checkFlowGraph(flow)) ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
});

export type FlowValidation = { ok: true; flow: Flow } | { ok: false; errors: FieldIssue[] };

/** Validates a flow from outside; on failure every error names its node and field. */
export function validateFlow(input: unknown): FlowValidation {
  const result = FlowSchema.safeParse(input);
  if (result.success) return { ok: true, flow: result.data };
  return { ok: false, errors: flowIssues(result.error) };
}

/** `nodes.main-menu.options.3.next: no node "sales-q"` */
export function formatFlowIssue(issue: FieldIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/**
 * Zod issues as field issues, made specific: a union that failed reports the issues of its
 * closest alternative (not a bare "invalid input"), and an unknown field is named in the path.
 */
export function flowIssues(error: z.ZodError): FieldIssue[] {
  const out: FieldIssue[] = [];
  const seen = new Set<string>();
  const push = (path: PropertyKey[], message: string) => {
    const issue = { path: path.map(String).join('.') || '(root)', message };
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(issue);
    }
  };
  const visit = (issue: z.core.$ZodIssue, base: PropertyKey[]) => {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) push([...path, key], `unknown field "${key}"`);
      return;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = closestAlternative(issue.errors);
      if (closest) {
        for (const inner of closest) visit(inner, path);
        return;
      }
    }
    // Zod says "expected string, received undefined" for a missing field.
    push(path, issue.code === 'invalid_type' && issue.message.endsWith('received undefined') ? `required (${issue.expected})` : issue.message);
  };
  for (const issue of error.issues) visit(issue, []);
  return out;
}

/**
 * The alternative of a failed union that came closest to matching: one whose issues lie
 * inside the value rather than about its type or unknown fields. None when every
 * alternative failed at the top (the value is of another type altogether).
 */
function closestAlternative(alternatives: z.core.$ZodIssue[][]): z.core.$ZodIssue[] | null {
  let best: z.core.$ZodIssue[] | null = null;
  let bestScore = Infinity;
  for (const issues of alternatives) {
    const atTop = issues.some((issue) => (issue.path.length === 0 && issue.code === 'invalid_type') || issue.code === 'unrecognized_keys');
    if (atTop) continue;
    if (issues.length < bestScore) {
      best = issues;
      bestScore = issues.length;
    }
  }
  return best;
}

