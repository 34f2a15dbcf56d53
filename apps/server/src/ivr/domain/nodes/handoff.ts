import { type FlowNodeOf, MAX_QUEUE_PRIORITY } from '@ccx/contracts';
import { asNumber } from '../template.js';
import { endCall, goTo, type NodeHandler, type Outcome, type RunContext, WAIT } from './node-handler.js';

/**
 * Queue and transfer: announce (optional), then hand the call over and wait. The IVR is
 * done with the call unless the handover fails (`onFailure`, else hang up) or the agent
 * hangs up first with the caller still there (`afterCall`, else hang up).
 */

function announceThen(run: RunContext, prompt: FlowNodeOf<'queue' | 'transfer'>['prompt'], handOver: () => Outcome): Outcome {
  const prompts = run.prompts(prompt);
  if (prompts.length === 0) return handOver();
  run.phase = 'announcing';
  run.request({ type: 'play', prompts, interruptOnDigit: false });
  return WAIT;
}

function afterHandoff(node: FlowNodeOf<'queue' | 'transfer'>, run: RunContext, event: Parameters<NodeHandler<'queue'>['resume']>[2], handOver: () => Outcome, failReason: string): Outcome {
  if (event.type === 'playbackDone' && run.phase === 'announcing') return handOver();
  if (event.type === 'handoffFailed') {
    run.step({ outcome: `failed: ${event.reason}` });
    return node.onFailure ? goTo(node.onFailure) : endCall(failReason);
  }
  if (event.type === 'callReturned') {
    run.step({ outcome: 'returned' });
    return node.afterCall ? goTo(node.afterCall) : endCall('completed');
  }
  return WAIT;
}

/** Priority from a number or a placeholder, whole and within 0–10 (0 when not a number). */
export function queuePriority(node: FlowNodeOf<'queue'>, run: RunContext): number {
  const raw = typeof node.priority === 'number' ? node.priority : asNumber(run.renderValue(node.priority));
  if (!Number.isFinite(raw)) return 0;
  return Math.min(MAX_QUEUE_PRIORITY, Math.max(0, Math.round(raw)));
}

function enqueue(node: FlowNodeOf<'queue'>, run: RunContext): Outcome {
  const language = run.language();
  const skills = node.skills.map((skill) => ({ skill: skill.skill, minLevel: skill.minLevel }));
  const languageSkill = node.languageSkills?.[language];
  if (languageSkill && !skills.some((skill) => skill.skill === languageSkill)) skills.push({ skill: languageSkill, minLevel: 1 });
  const priority = queuePriority(node, run);
  run.emit({ type: 'enqueue', queue: node.queue, priority, skills, language, customerId: run.customerId(), afterCall: node.afterCall !== undefined });
  run.step({ outcome: `${node.queue} (priority ${priority})` });
  run.phase = 'handedOff';
  run.awaitHandoff();
  return { to: 'handedOff' };
}

export const queueNode: NodeHandler<'queue'> = {
  enter: (node, run) => announceThen(run, node.prompt, () => enqueue(node, run)),
  resume: (node, run, event) => afterHandoff(node, run, event, () => enqueue(node, run), 'queue-failed'),
};

function transfer(node: FlowNodeOf<'transfer'>, run: RunContext): Outcome {
  run.emit({ type: 'transfer', to: node.to, afterCall: node.afterCall !== undefined });
  run.phase = 'handedOff';
  run.awaitHandoff();
  return { to: 'handedOff' };
}

export const transferNode: NodeHandler<'transfer'> = {
  enter: (node, run) => announceThen(run, node.prompt, () => transfer(node, run)),
  resume: (node, run, event) => afterHandoff(node, run, event, () => transfer(node, run), 'transfer-failed'),
};
