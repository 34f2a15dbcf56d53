import { endCall, goTo, type NodeHandler, WAIT } from './node-handler.js';

/** Plays the prompt and goes on when it ends (finished, cut short by a key, or failed). */
export const playNode: NodeHandler<'play'> = {
  enter(node, run) {
    const prompts = run.prompts(node.prompt);
    if (prompts.length === 0) return goTo(node.next, 'nothing to play');
    run.phase = 'playing';
    run.request({ type: 'play', prompts, interruptOnDigit: node.interruptible });
    return WAIT;
  },
  resume(node, run, event) {
    if (event.type !== 'playbackDone') return WAIT;
    if (event.reason === 'interrupted' || event.reason === 'failed') run.step({ outcome: event.reason });
    return goTo(node.next);
  },
};

/** Says the last words, if any, uninterrupted, then hangs up with the node's reason. */
export const hangupNode: NodeHandler<'hangup'> = {
  enter(node, run) {
    const prompts = run.prompts(node.prompt);
    if (prompts.length === 0) return endCall(node.reason);
    run.phase = 'farewell';
    run.request({ type: 'play', prompts, interruptOnDigit: false });
    return WAIT;
  },
  resume(node, _run, event) {
    return event.type === 'playbackDone' ? endCall(node.reason) : WAIT;
  },
};
