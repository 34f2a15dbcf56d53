import { describe, expect, it } from 'vitest';
import { loadDemoFlow } from '../demo-flow.js';
import { preparablePrompts, preparePromptBatches } from './prompt-catalogue.js';

describe(preparablePrompts.name, () => {
  const prompts = preparablePrompts(loadDemoFlow());

  it('lists every fixed text of the demo flow in both languages, once', () => {
    expect(prompts).toContainEqual({ kind: 'speech', text: 'Welcome to Example Company.', language: 'en' });
    expect(prompts).toContainEqual({ kind: 'speech', text: '欢迎致电示例公司。', language: 'zh' });
    expect(prompts).toContainEqual({ kind: 'speech', text: 'Sorry, that is not a valid choice.', language: 'en' });
    expect(new Set(prompts.map((prompt) => JSON.stringify(prompt))).size).toBe(prompts.length);
  });

  it('leaves out texts with placeholders, rendered at their first play instead', () => {
    expect(prompts.some((prompt) => prompt.kind === 'speech' && prompt.text.includes('{{'))).toBe(false);
    expect(prompts.some((prompt) => prompt.kind === 'speech' && prompt.text.startsWith('Thank you, '))).toBe(false);
  });

  it('fits the gateway’s preparePrompts batches', () => {
    const batches = preparePromptBatches(loadDemoFlow());
    expect(batches.flat()).toEqual(prompts);
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(100);
  });
});
