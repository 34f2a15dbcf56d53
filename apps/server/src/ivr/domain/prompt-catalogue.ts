import { type Flow, type LocalizedPrompt, nodePrompts, type Prompt, promptParts, isStaticTemplate } from '@ccx/contracts';
import { BUILT_IN_PROMPTS } from './prompts.js';

/**
 * The prompts of a flow that can be made ready before any call, for the gateway's
 * `preparePrompts` when a flow is loaded or saved: every recorded prompt and every text
 * without placeholders, in every language it has. Text to speech is so rendered offline
 * and cached; a text with placeholders (a balance) is rendered at its first play and
 * cached from then on. The built-in retry prompts are included when the flow uses them.
 */
export const PREPARE_BATCH = 100;

export function preparablePrompts(flow: Flow): Prompt[] {
  const prompts = new Map<string, Prompt>();
  const add = (prompt: LocalizedPrompt | undefined) => {
    if (!prompt) return;
    for (const language of flow.languages) {
      const variant = prompt[language];
      if (variant === undefined) continue;
      for (const { part } of promptParts(variant)) {
        let ready: Prompt | null = null;
        if ('file' in part) ready = { kind: 'file', path: part.file };
        else if (isStaticTemplate(part.say) && part.say.trim()) ready = { kind: 'speech', text: part.say.trim(), language };
        if (ready) prompts.set(JSON.stringify(ready), ready);
      }
    }
  };
  add(flow.defaults.invalidPrompt ?? BUILT_IN_PROMPTS.invalid);
  add(flow.defaults.noInputPrompt ?? BUILT_IN_PROMPTS.noInput);
  for (const node of Object.values(flow.nodes)) for (const { prompt } of nodePrompts(node)) add(prompt);
  return [...prompts.values()];
}

/** The same prompts cut into `preparePrompts` commands of at most 100. */
export function preparePromptBatches(flow: Flow): Prompt[][] {
  const all = preparablePrompts(flow);
  const batches: Prompt[][] = [];
  for (let start = 0; start < all.length; start += PREPARE_BATCH) batches.push(all.slice(start, start + PREPARE_BATCH));
  return batches;
}
