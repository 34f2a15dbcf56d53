import { describe, expect, it } from 'vitest';
import { toFieldIssues } from '../errors.js';
import { PromptPartSchema } from '../ivr/prompt.js';
import { CreateSpeechPromptRequestSchema, PromptNameSchema, promptReference } from './prompts.js';

describe('prompt names', () => {
  it('takes what can be a file name in any file system', () => {
    for (const name of ['greeting', 'menu-1', 'after_hours', '2nd-level']) expect(PromptNameSchema.safeParse(name).success, name).toBe(true);
  });

  it('refuses upper case, dots, slashes, spaces, a leading "-" and names too long', () => {
    for (const name of ['', 'Greeting', 'hello.wav', '../etc', 'a b', '-x', '_x', 'a/b', 'x'.repeat(65)]) expect(PromptNameSchema.safeParse(name).success, name).toBe(false);
  });
});

describe('promptReference', () => {
  it('is a prompt part an IVR flow accepts', () => {
    const wav = promptReference({ kind: 'wav', name: 'greeting', text: null });
    expect(wav).toEqual({ file: 'greeting.wav' });
    expect(PromptPartSchema.safeParse(wav).success).toBe(true);
    const speech = promptReference({ kind: 'speech', name: 'hello', text: 'Welcome to the demo.' });
    expect(speech).toEqual({ say: 'Welcome to the demo.' });
    expect(PromptPartSchema.safeParse(speech).success).toBe(true);
  });
});

describe('CreateSpeechPromptRequestSchema', () => {
  it('names each bad field', () => {
    const result = CreateSpeechPromptRequestSchema.safeParse({ name: 'Bad Name', text: '  ', language: 'fr' });
    expect(result.success).toBe(false);
    if (!result.success) expect(toFieldIssues(result.error).map((i) => i.path).sort()).toEqual(['language', 'name', 'text']);
  });
});
