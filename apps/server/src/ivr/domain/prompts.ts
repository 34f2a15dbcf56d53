import { type Flow, type FlowLanguage, type LocalizedPrompt, type Prompt, promptParts } from '@ccx/contracts';

/**
 * Turns a flow's localized prompts into the gateway's prompts: the caller's language, else
 * the flow's default, else any language the prompt has; or every language in the flow's
 * order (`allLanguages`). Speech keeps the language of the variant it came from, so an
 * English fallback is spoken with the English voice. A text that renders empty is dropped.
 */
export const MAX_SPEECH_CHARS = 2000;
/** The gateway plays at most this many prompts per command. */
export const MAX_PROMPTS = 20;

/** Heard before a recording starts. */
export const BEEP: Prompt = { kind: 'tone', frequencies: [1000], durationMs: 400 };

/** Used when neither the node nor the flow's defaults word the retry prompts. */
export const BUILT_IN_PROMPTS = {
  invalid: { en: 'Sorry, that is not a valid choice.', zh: '对不起，您的选择无效。' },
  noInput: { en: 'Sorry, we did not hear your choice.', zh: '对不起，我们没有收到您的选择。' },
} satisfies Record<string, LocalizedPrompt>;

export function pickLanguage(prompt: LocalizedPrompt, language: FlowLanguage, flow: Pick<Flow, 'defaultLanguage' | 'languages'>): FlowLanguage | null {
  if (prompt[language] !== undefined) return language;
  if (prompt[flow.defaultLanguage] !== undefined) return flow.defaultLanguage;
  const candidates: FlowLanguage[] = [...flow.languages, 'en', 'zh'];
  return candidates.find((candidate) => prompt[candidate] !== undefined) ?? null;
}

export function renderPrompt(
  prompt: LocalizedPrompt | undefined,
  options: { language: FlowLanguage; flow: Pick<Flow, 'defaultLanguage' | 'languages'>; render: (text: string) => string; allLanguages?: boolean },
): Prompt[] {
  if (!prompt) return [];
  const { flow } = options;
  const languages =
    prompt.allLanguages || options.allLanguages
      ? flow.languages.filter((language) => prompt[language] !== undefined)
      : [pickLanguage(prompt, options.language, flow)].filter((language): language is FlowLanguage => language !== null);
  const prompts: Prompt[] = [];
  for (const language of languages) {
    for (const { part } of promptParts(prompt[language]!)) {
      if ('file' in part) {
        prompts.push({ kind: 'file', path: part.file });
        continue;
      }
      const text = options.render(part.say).trim().slice(0, MAX_SPEECH_CHARS);
      if (text) prompts.push({ kind: 'speech', text, language });
    }
  }
  return prompts;
}
