/**
 * The prompts screen's small rules: a name offered from the chosen file's name (the same
 * rule as the server's, so it passes), the duration in words, and how a flow names a prompt.
 */
import { MAX_PROMPT_BYTES, PROMPT_NAME_PATTERN, type PromptRecord, promptReference } from '@ccx/contracts';

/** "Main Menu (v2).WAV" → "main-menu-v2"; empty when nothing usable is left. */
export function suggestPromptName(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, '').toLowerCase();
  const name = base
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 64);
  return PROMPT_NAME_PATTERN.test(name) ? name : '';
}

/** The file's own problem before it is sent (the server checks it again, and inside). */
export function fileProblem(file: { size: number } | null): string | null {
  if (!file) return 'choose a WAV file';
  if (file.size > MAX_PROMPT_BYTES) return `the file is larger than ${MAX_PROMPT_BYTES / (1024 * 1024)} MB`;
  return null;
}

/** "0.8 s", "12.0 s", "2:05". */
export function formatPromptDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** What to write in a flow's prompt: `{"file": "greeting.wav"}`, or `"en": {"say": "…"}` for speech. */
export function flowReferenceText(prompt: Pick<PromptRecord, 'kind' | 'name' | 'text' | 'language'>): string {
  const part = JSON.stringify(promptReference(prompt));
  return prompt.kind === 'speech' ? `"${prompt.language ?? 'en'}": ${part}` : part;
}
