import { posix } from 'node:path';

/**
 * The WAV files an IVR flow definition plays: every `{"file": "…"}` anywhere in it (prompt
 * parts of any node and language), as paths relative to the prompts folder. A prompt whose
 * file a published flow plays cannot be deleted: callers would hear silence.
 */
export function filesPlayedBy(definition: unknown): Set<string> {
  const files = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'file' && typeof child === 'string') files.add(posix.normalize(child));
        else visit(child);
      }
    }
  };
  visit(definition);
  return files;
}
