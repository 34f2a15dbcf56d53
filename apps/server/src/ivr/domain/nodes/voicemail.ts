import { type FlowNodeOf } from '@ccx/contracts';
import { BEEP, MAX_PROMPTS } from '../prompts.js';
import { endCall, goTo, type NodeHandler, type Outcome, type RunContext, WAIT } from './node-handler.js';

function record(node: FlowNodeOf<'voicemail'>, run: RunContext): Outcome {
  run.phase = 'recording';
  run.request({
    type: 'recordVoicemail',
    maxSeconds: node.maxSeconds,
    mailbox: node.mailbox ?? null,
    customerId: run.customerId(),
    callerNumber: run.render('{{caller}}'),
  });
  return WAIT;
}

/** Prompt and beep, then a recording; then `next`, or hang up. */
export const voicemailNode: NodeHandler<'voicemail'> = {
  enter(node, run) {
    const prompts = [...run.prompts(node.prompt), ...(node.beep ? [BEEP] : [])].slice(0, MAX_PROMPTS);
    if (prompts.length === 0) return record(node, run);
    run.phase = 'prompting';
    run.request({ type: 'play', prompts, interruptOnDigit: false });
    return WAIT;
  },
  resume(node, run, event) {
    if (event.type === 'playbackDone' && run.phase === 'prompting') return record(node, run);
    if (event.type === 'voicemailDone') {
      run.step({ outcome: event.recordingId ? 'recorded' : 'no-message' });
      return node.next ? goTo(node.next) : endCall('voicemail');
    }
    return WAIT;
  },
};
