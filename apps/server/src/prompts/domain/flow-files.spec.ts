import { describe, expect, it } from 'vitest';
import { filesPlayedBy } from './flow-files.js';

describe(filesPlayedBy.name, () => {
  it('finds every file part in every node and language, normalized', () => {
    const flow = {
      start: 'hello',
      nodes: {
        hello: { kind: 'play', prompt: { en: { file: 'greeting.wav' }, zh: [{ say: '你好' }, { file: './zh/greeting.wav' }] }, next: 'menu' },
        menu: { kind: 'menu', prompt: { en: 'Press 1' }, options: [{ key: '1', next: 'bye' }], invalidPrompt: { en: [{ file: 'sorry.wav' }] } },
      },
    };
    expect([...filesPlayedBy(flow)].sort()).toEqual(['greeting.wav', 'sorry.wav', 'zh/greeting.wav']);
  });

  it('finds nothing in a flow that only speaks, or in no flow at all', () => {
    expect(filesPlayedBy({ nodes: { a: { prompt: { en: { say: 'file' } } } } }).size).toBe(0);
    expect(filesPlayedBy(null).size).toBe(0);
  });
});
