/**
 * The audit log in plain words: what an action means ("Forced an agent's state"), whom it was
 * done to ("agent Alex Agent"), and what changed ("Available → Not ready (meeting)"). Actions
 * this screen does not know yet are shown as the server names them.
 */
import { type AuditEntry } from '@ccx/contracts';

const ACTIONS: Record<string, string> = {
  'auth/login': 'Logged in',
  'users/create': 'Created a user',
  'users/update': 'Changed a user',
  'users/password': 'Set a password',
  'users/bootstrap-admin': 'Created the first administrator',
  'agents/force-state': 'Forced an agent’s state',
  'agents/skills': 'Changed an agent’s skills',
  'agents/message': 'Sent a message to agents',
  'monitor/start': 'Stepped into a call',
  'monitor/mode': 'Changed mode in a call',
  'monitor/end': 'Left a call',
  'monitor/unanswered': 'Tried to step into a call',
  'skills/create': 'Added a skill',
  'skills/rename': 'Renamed a skill',
  'skills/delete': 'Removed a skill',
  'queues/create': 'Created a queue',
  'queues/update': 'Changed a queue',
  'queues/delete': 'Removed a queue',
  'not-ready-reasons/create': 'Added a not-ready reason',
  'not-ready-reasons/update': 'Changed a not-ready reason',
  'not-ready-reasons/delete': 'Removed a not-ready reason',
  'dispositions/create': 'Added a disposition',
  'dispositions/update': 'Changed a disposition',
  'dispositions/delete': 'Removed a disposition',
  'caller-lists/add': 'Put a number on a list',
  'caller-lists/remove': 'Took a number off a list',
  'business-hours/create': 'Created business hours',
  'business-hours/update': 'Changed business hours',
  'business-hours/delete': 'Removed business hours',
  'ivr-flows/create': 'Created an IVR flow',
  'ivr-flows/update': 'Changed an IVR flow',
  'ivr-flows/save-version': 'Saved an IVR flow version',
  'ivr-flows/publish': 'Published an IVR flow',
  'prompts/upload': 'Uploaded a prompt',
  'prompts/create-speech': 'Created a text-to-speech prompt',
  'prompts/delete': 'Removed a prompt',
  'customers/update': 'Edited a customer',
  'tickets/create': 'Opened a ticket',
  'tickets/update': 'Edited a ticket',
  'tickets/open': 'Reopened a ticket',
  'tickets/closed': 'Closed a ticket',
};

/** The families of actions, each a prefix the server filters by (`agents/`). */
export const ACTION_GROUPS: readonly { prefix: string; label: string }[] = [
  { prefix: 'auth/', label: 'Logins' },
  { prefix: 'users/', label: 'Users and roles' },
  { prefix: 'agents/', label: 'Control of agents' },
  { prefix: 'monitor/', label: 'Listen, whisper, barge' },
  { prefix: 'skills/', label: 'Skills' },
  { prefix: 'queues/', label: 'Queues' },
  { prefix: 'not-ready-reasons/', label: 'Not-ready reasons' },
  { prefix: 'dispositions/', label: 'Dispositions' },
  { prefix: 'caller-lists/', label: 'VIP list and blacklist' },
  { prefix: 'business-hours/', label: 'Business hours' },
  { prefix: 'ivr-flows/', label: 'IVR flows' },
  { prefix: 'prompts/', label: 'Prompts' },
  { prefix: 'customers/', label: 'Customers' },
  { prefix: 'tickets/', label: 'Tickets' },
];

/** Every action this screen knows, for the filter, with its words. */
export const KNOWN_ACTIONS: readonly { action: string; label: string }[] = Object.entries(ACTIONS).map(([action, label]) => ({ action, label }));

export function actionWords(action: string): string {
  return ACTIONS[action] ?? action;
}

const TARGET_KINDS: Record<string, string> = {
  user: 'user',
  agent: 'agent',
  agents: 'every agent',
  queue: 'queue',
  skill: 'skill',
  'not-ready-reason': 'not-ready reason',
  disposition: 'disposition',
  'caller-list-entry': 'number',
  'business-hours': 'calendar',
  'ivr-flow': 'IVR flow',
  customer: 'customer',
  ticket: 'ticket',
  call: 'call',
  prompt: 'prompt',
};

/** Whom or what: "queue Sales", "agent Alex Agent"; a target with no name by a short id. */
export function targetWords(target: AuditEntry['target']): string {
  if (!target) return '–';
  const kind = TARGET_KINDS[target.type] ?? target.type;
  if (target.name) return `${kind} ${target.name}`;
  return target.id ? `${kind} ${target.id.slice(0, 8)}` : kind;
}

const STATES: Record<string, string> = {
  available: 'Available',
  'not-ready': 'Not ready',
  offline: 'Logged out',
  'after-call-work': 'After-call work',
  'on-call': 'On a call',
  ringing: 'Ringing',
};

const stateWords = (state: unknown) => (typeof state === 'string' ? (STATES[state] ?? state) : 'unknown');

/** `wallboardThresholds` → "wallboard thresholds". */
function keyWords(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

// Generous: an audit line should not hide what changed, but one huge value must not flood the table.
const MAX_DETAIL = 2000;

/** A value in a line of text: yes/no, "none", lists by commas, objects as "key value" pairs. */
export function valueWords(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(valueWords).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.skill === 'string' && typeof record.level === 'number') return `${record.skill} ${record.level}`;
    return Object.entries(record)
      .map(([k, v]) => `${keyWords(k)} ${valueWords(v)}`)
      .join('; ');
  }
  return String(value);
}

function pairs(record: Record<string, unknown>): string {
  return Object.entries(record)
    .map(([k, v]) => `${keyWords(k)}: ${valueWords(v)}`)
    .join('; ');
}

const MODES: Record<string, string> = { listen: 'listen', whisper: 'whisper', barge: 'barge' };
const modeWords = (mode: unknown) => (typeof mode === 'string' ? (MODES[mode] ?? mode) : 'unknown mode');
const whoseCall = (data: Record<string, unknown>) => (typeof data.agentName === 'string' && data.agentName ? `${data.agentName}’s call` : 'a call');

const END_REASONS: Record<string, string> = {
  ended: 'ended by the supervisor',
  'hung-up': 'the supervisor’s phone hung up',
  'call-ended': 'the call ended',
  'not-answered': 'the supervisor’s phone did not answer',
  failed: 'the supervisor’s phone could not be connected',
};
const endWords = (reason: unknown) => (typeof reason === 'string' ? (END_REASONS[reason] ?? reason) : 'ended');

function secondsBetween(from: unknown, to: unknown): string {
  const ms = typeof from === 'string' && typeof to === 'string' ? Date.parse(to) - Date.parse(from) : Number.NaN;
  return Number.isFinite(ms) ? `${Math.round(ms / 1000)} s` : 'unknown length';
}

/** "listen 10 s, whisper 5 s" from the modes an intervention went through. */
function modeTimes(modes: unknown): string {
  if (!Array.isArray(modes) || modes.length === 0) return 'no modes';
  return modes
    .map((m: unknown) => {
      const { mode, from, to } = (m ?? {}) as Record<string, unknown>;
      return `${modeWords(mode)} ${secondsBetween(from, to)}`;
    })
    .join(', ');
}

/** What changed, in one line. */
export function detailWords(entry: AuditEntry): string {
  const data = entry.data;
  let text: string;
  switch (entry.action) {
    case 'agents/force-state':
      text = `${stateWords(data.from)} → ${stateWords(data.to)}${typeof data.reasonId === 'string' ? ` (${data.reasonId})` : ''}`;
      break;
    case 'agents/skills':
      text = `skills now ${valueWords(data.after)} (were ${valueWords(data.before)})`;
      break;
    case 'agents/message':
      text = `“${valueWords(data.text)}”`;
      break;
    case 'auth/login':
      text = typeof data.address === 'string' ? `from ${data.address}` : '';
      break;
    case 'monitor/start':
      text = `${modeWords(data.mode)} on ${whoseCall(data)}`;
      break;
    case 'monitor/mode':
      text = `now ${modeWords(data.mode)} on ${whoseCall(data)}`;
      break;
    case 'monitor/end':
      text = `${whoseCall(data)}, ${secondsBetween(data.startedAt, data.endedAt)} (${modeTimes(data.modes)}); ${endWords(data.reason)}`;
      break;
    case 'monitor/unanswered':
      text = `${modeWords(data.mode)} on ${whoseCall(data)}; ${endWords(data.reason)}`;
      break;
    case 'skills/rename':
      text = `${valueWords(data.from)} → ${valueWords(data.to)}`;
      break;
    default: {
      // Most writes record `changes` (or `fields`); say those, else whatever was recorded.
      const changes = data.changes ?? data.fields;
      const { changes: _c, fields: _f, ...rest } = data;
      const parts: string[] = [];
      if (changes && typeof changes === 'object' && !Array.isArray(changes)) parts.push(pairs(changes as Record<string, unknown>));
      else if (Array.isArray(changes)) parts.push(`changed ${changes.map(String).map(keyWords).join(', ')}`);
      if (Object.keys(rest).length > 0) parts.push(pairs(rest));
      text = parts.join('; ');
    }
  }
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

/** Who: the actor's name, or the system. */
export function actorWords(actor: AuditEntry['actor']): string {
  return actor ? actor.displayName : 'System';
}
