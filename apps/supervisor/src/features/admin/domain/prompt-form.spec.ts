import { PromptNameSchema } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { fileProblem, flowReferenceText, formatPromptDuration, suggestPromptName } from './prompt-form';

describe(suggestPromptName.name, () => {
  it('offers a name the server accepts, from the file name', () => {
    expect(suggestPromptName('Main Menu (v2).WAV')).toBe('main-menu-v2');
    expect(suggestPromptName('after_hours.wav')).toBe('after_hours');
    expect(PromptNameSchema.safeParse(suggestPromptName(`${'Long '.repeat(30)}.wav`)).success).toBe(true);
  });
  it('offers nothing when no letter or digit is left', () => {
    expect(suggestPromptName('欢迎.wav')).toBe('');
    expect(suggestPromptName('.wav')).toBe('');
  });
});

describe(fileProblem.name, () => {
  it('asks for a file and refuses one over 10 MB before sending it', () => {
    expect(fileProblem(null)).toBe('choose a WAV file');
    expect(fileProblem({ size: 10 * 1024 * 1024 + 1 })).toMatch(/larger than 10 MB/);
    expect(fileProblem({ size: 1000 })).toBeNull();
  });
});

describe(formatPromptDuration.name, () => {
  it('says seconds under a minute, minutes and seconds above', () => {
    expect(formatPromptDuration(1500)).toBe('1.5 s');
    expect(formatPromptDuration(125_000)).toBe('2:05');
  });
});

describe(flowReferenceText.name, () => {
  it('shows the part a flow writes for each kind', () => {
    expect(flowReferenceText({ kind: 'wav', name: 'greeting', text: null, language: null })).toBe('{"file":"greeting.wav"}');
    expect(flowReferenceText({ kind: 'speech', name: 'hi', text: '你好', language: 'zh' })).toBe('"zh": {"say":"你好"}');
  });
});
