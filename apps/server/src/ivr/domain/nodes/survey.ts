import { type FlowNodeOf } from '@ccx/contracts';
import { ask, askAgain, askSpec, ONE_KEY } from './ask.js';
import { endCall, goTo, type NodeHandler, type Outcome, type RunContext, WAIT } from './node-handler.js';

/**
 * Asks each question for a score key (1 to its maxScore), once more after a wrong key or
 * silence; a question still unanswered scores null. Every answer is an action
 * (`surveyAnswer`) as it comes, so a caller who hangs up halfway leaves the answers given.
 */
const questionSpec = (run: RunContext, node: FlowNodeOf<'survey'>) =>
  askSpec(run, { ...ONE_KEY, prompt: node.questions[run.index]!.prompt, timeoutMs: node.timeoutMs, retries: 1 });

function askQuestion(node: FlowNodeOf<'survey'>, run: RunContext): Outcome {
  run.attempts = 0;
  return ask(run, questionSpec(run, node));
}

function finish(node: FlowNodeOf<'survey'>, run: RunContext): Outcome {
  const prompts = run.prompts(node.thanks);
  if (prompts.length > 0) {
    run.phase = 'thanks';
    run.request({ type: 'play', prompts, interruptOnDigit: false });
    return WAIT;
  }
  return node.next ? goTo(node.next) : endCall('completed');
}

function answer(node: FlowNodeOf<'survey'>, run: RunContext, score: number | null, key: string): Outcome {
  const question = node.questions[run.index]!;
  run.emit({ type: 'surveyAnswer', survey: node.survey, question: question.id, score });
  run.step(key === '' ? { outcome: `${question.id}: no answer` } : { input: key, outcome: `${question.id}: ${score ?? 'no answer'}` });
  run.index += 1;
  return run.index < node.questions.length ? askQuestion(node, run) : finish(node, run);
}

export const surveyNode: NodeHandler<'survey'> = {
  enter(node, run) {
    run.index = 0;
    return askQuestion(node, run);
  },
  resume(node, run, event) {
    if (event.type === 'playbackDone' && run.phase === 'thanks') return node.next ? goTo(node.next) : endCall('completed');
    if (event.type !== 'digitsCollected') return WAIT;
    const question = node.questions[run.index]!;
    const key = event.digits.slice(0, 1);
    const score = /^[1-9]$/.test(key) && Number(key) <= question.maxScore ? Number(key) : null;
    if (score !== null) return answer(node, run, score, key);
    return askAgain(run, questionSpec(run, node), key === '' ? 'no-input' : 'invalid') ?? answer(node, run, null, key);
  },
};
