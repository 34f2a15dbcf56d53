import { type CallEndCause, type Flow, type FlowNode, type HangupCause } from '@ccx/contracts';
import { HIDDEN_INPUT, type PathStep } from '../../ivr/domain/runner-types.js';
import { type TimelineEvent } from './session-ports.js';

/**
 * How the IVR's path steps and endings read on the call's timeline (contracts
 * `calls/call-events.ts`): a node entered, an input collected (masked when secret), and
 * the cause of an end.
 */

/** Node kinds that ask the caller for keys: their answers are `ivr.input-collected`. */
const ASKING = new Set<FlowNode['kind']>(['menu', 'collect', 'languageChoice', 'callback', 'survey']);

/** The flow variable an asking node fills (what the record calls the input's name). */
function inputName(node: FlowNode): string {
  switch (node.kind) {
    case 'collect':
      return node.variable;
    case 'languageChoice':
      return 'language';
    case 'callback':
      return 'callback';
    case 'survey':
      return node.survey;
    default:
      return 'digits';
  }
}

/** The timeline events of one path step (none for most non-entry steps). */
export function pathStepEvents(flow: Flow, step: PathStep): TimelineEvent[] {
  if (step.entry) return [{ type: 'ivr.node-entered', data: { flowId: flow.id, nodeId: step.nodeId, nodeType: step.kind }, at: step.at }];
  const node = flow.nodes[step.nodeId];
  if (!node || !ASKING.has(node.kind)) return [];
  const noInput = step.input === undefined;
  if (noInput && !(step.outcome === 'no-input' || step.outcome?.endsWith(': no answer'))) return [];
  const masked = step.input === HIDDEN_INPUT || (node.kind === 'collect' && node.secret === true);
  const status = noInput ? 'no-input' : step.outcome === 'invalid' ? 'no-match' : 'ok';
  return [
    {
      type: 'ivr.input-collected',
      data: { nodeId: step.nodeId, name: inputName(node).slice(0, 64), value: masked || noInput ? null : step.input!.slice(0, 256), masked, status },
      at: step.at,
    },
  ];
}

/** Whether keys pressed at this node are secret (a PIN): recorded as masked. */
export function isSecretNode(flow: Flow, nodeId: string | null): boolean {
  const node = nodeId === null ? undefined : flow.nodes[nodeId];
  return node?.kind === 'collect' && node.secret === true;
}

/** The end cause of a call the IVR hung up, from the hangup node's reason. */
export function ivrEndCause(reason: string, hadAgent: boolean): Exclude<CallEndCause, 'abandoned'> {
  switch (reason) {
    case 'refused':
      return 'refused';
    case 'callback':
      return 'callback';
    case 'voicemail':
      return 'voicemail';
    case 'closed':
      return 'closed';
    case 'completed':
      return hadAgent ? 'survey-complete' : 'self-service';
    default:
      return 'hangup';
  }
}

/** Who ended the call and why, when a leg of ours went down on its own. */
export function legEndCause(cause: HangupCause): { by: 'customer' | 'system'; cause: Exclude<CallEndCause, 'abandoned'> } {
  switch (cause) {
    case 'media-timeout':
    case 'connection-lost':
    case 'failure':
      return { by: 'system', cause: 'media-failure' };
    default:
      return { by: 'customer', cause: 'hangup' };
  }
}

/** Why a transfer target's leg that never answered failed, as `transfer.failed` says it. */
export function transferFailureOf(cause: HangupCause): 'busy' | 'rejected' | 'no-answer' | 'failed' {
  switch (cause) {
    case 'busy':
      return 'busy';
    case 'rejected':
      return 'rejected';
    case 'no-answer':
    case 'setup-timeout':
      return 'no-answer';
    default:
      return 'failed';
  }
}
