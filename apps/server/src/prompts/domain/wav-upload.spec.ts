import { PromptErrorCode } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { judgeDecoded, uploadProblem } from './wav-upload.js';

const header = (container: string, form = 'WAVE') => new TextEncoder().encode(`${container}\0\0\0\0${form}fmt `);

describe(uploadProblem.name, () => {
  it('passes a RIFF, RIFX or RF64 WAVE header to the decoder', () => {
    for (const container of ['RIFF', 'RIFX', 'RF64']) expect(uploadProblem(header(container)), container).toBeNull();
  });

  it('refuses an empty body, another RIFF form and anything else as not a WAV', () => {
    for (const bytes of [new Uint8Array(0), header('RIFF', 'AVI '), new TextEncoder().encode('ID3\u0004 an mp3 file'), new Uint8Array(8)]) {
      expect(uploadProblem(bytes)?.code).toBe(PromptErrorCode.NotWav);
    }
  });

  it('refuses a file over the size limit before looking inside', () => {
    const sut = uploadProblem(new Uint8Array(101), 100);
    expect(sut?.code).toBe(PromptErrorCode.TooBig);
    expect(uploadProblem(new Uint8Array(100), 100)?.code).toBe(PromptErrorCode.NotWav);
  });
});

describe(judgeDecoded.name, () => {
  it('gives the duration at 8 kHz', () => {
    expect(judgeDecoded({ ok: true, samples8k: 8000 * 3 + 4 })).toEqual({ ok: true, durationMs: 3001 });
  });

  it('names each refusal with its own code', () => {
    const problem = (outcome: Parameters<typeof judgeDecoded>[0], max?: number) => {
      const verdict = judgeDecoded(outcome, max);
      return verdict.ok ? null : verdict.problem.code;
    };
    expect(problem({ ok: false, reason: 'unsupported', message: 'format 85' })).toBe(PromptErrorCode.UnsupportedEncoding);
    expect(problem({ ok: false, reason: 'unreadable', message: 'no fmt chunk' })).toBe(PromptErrorCode.NotWav);
    expect(problem({ ok: true, samples8k: 0 })).toBe(PromptErrorCode.Empty);
    expect(problem({ ok: true, samples8k: 8000 * 10 + 8 }, 10)).toBe(PromptErrorCode.TooLong);
    expect(problem({ ok: true, samples8k: 8000 * 10 }, 10)).toBeNull();
  });
});
