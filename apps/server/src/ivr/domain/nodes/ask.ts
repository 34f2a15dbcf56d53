import { type LocalizedPrompt, type Prompt } from '@ccx/contracts';
import { BUILT_IN_PROMPTS, MAX_PROMPTS } from '../prompts.js';
import { type Outcome, type RunContext, WAIT } from './node-handler.js';

/**
 * Asking for keys with retries, shared by menu, collect, language choice, callback and
 * survey nodes. Each attempt is one `collect` action (prompts first, interruptible); a
 * retry leads with the invalid or no-input prompt. `attempts` counts retries used.
 */
export interface AskSpec {
  prompt: LocalizedPrompt;
  /** Speak every language (before the caller chose one). */
  allLanguages: boolean;
  minDigits: number;
  maxDigits: number;
  terminator: '#' | '*' | null;
  timeoutMs: number;
  interDigitTimeoutMs: number;
  retries: number;
  invalidPrompt: LocalizedPrompt;
  noInputPrompt: LocalizedPrompt;
}

/** An ask spec from a node's settings, falling back to the flow's defaults and then the built-in prompts. */
export function askSpec(
  run: RunContext,
  settings: Partial<Pick<AskSpec, 'timeoutMs' | 'retries' | 'invalidPrompt' | 'noInputPrompt' | 'allLanguages' | 'interDigitTimeoutMs'>> &
    Pick<AskSpec, 'prompt' | 'minDigits' | 'maxDigits' | 'terminator'>,
): AskSpec {
  const defaults = run.flow.defaults;
  return {
    prompt: settings.prompt,
    allLanguages: settings.allLanguages ?? false,
    minDigits: settings.minDigits,
    maxDigits: settings.maxDigits,
    terminator: settings.terminator,
    timeoutMs: settings.timeoutMs ?? defaults.timeoutMs,
    interDigitTimeoutMs: settings.interDigitTimeoutMs ?? defaults.interDigitTimeoutMs,
    retries: settings.retries ?? defaults.retries,
    invalidPrompt: settings.invalidPrompt ?? defaults.invalidPrompt ?? BUILT_IN_PROMPTS.invalid,
    noInputPrompt: settings.noInputPrompt ?? defaults.noInputPrompt ?? BUILT_IN_PROMPTS.noInput,
  };
}

/** One key (menus, language choice, callback, survey). */
export const ONE_KEY = { minDigits: 1, maxDigits: 1, terminator: null } as const;

export function ask(run: RunContext, spec: AskSpec, lead: Prompt[] = []): Outcome {
  run.phase = 'asking';
  run.request({
    type: 'collect',
    prompts: [...lead, ...run.prompts(spec.prompt, { allLanguages: spec.allLanguages })].slice(0, MAX_PROMPTS),
    minDigits: spec.minDigits,
    maxDigits: spec.maxDigits,
    terminator: spec.terminator,
    firstDigitTimeoutMs: spec.timeoutMs,
    interDigitTimeoutMs: spec.interDigitTimeoutMs,
  });
  return WAIT;
}

/** Asks once more after an invalid answer or none; null when the retries are used up. */
export function askAgain(run: RunContext, spec: AskSpec, why: 'invalid' | 'no-input'): Outcome | null {
  if (run.attempts >= spec.retries) return null;
  run.attempts += 1;
  const lead = run.prompts(why === 'invalid' ? spec.invalidPrompt : spec.noInputPrompt, { allLanguages: spec.allLanguages });
  return ask(run, spec, lead);
}
