import { describe, expect, it } from 'vitest';
import { STRINGS } from '../i18n';
import { checkMicrophone, micProblemMessage, micProblemOf } from './mic-check';

const error = (name: string) => Object.assign(new Error(name), { name });
const stream = (tracks: number) =>
  ({
    getAudioTracks: () => Array.from({ length: tracks }, () => ({})),
    getTracks: () => [],
  }) as unknown as MediaStream;

describe(checkMicrophone.name, () => {
  it('passes when the browser gives an audio track', async () => {
    expect(await checkMicrophone({ mediaDevices: { getUserMedia: () => Promise.resolve(stream(1)) } })).toEqual({ ok: true });
  });

  it('reports a permission the page was denied before asking', async () => {
    let asked = false;
    const check = await checkMicrophone({
      permissions: { query: () => Promise.resolve({ state: 'denied' } as PermissionStatus) },
      mediaDevices: {
        getUserMedia: () => {
          asked = true;
          return Promise.resolve(stream(1));
        },
      },
    });
    expect(check).toEqual({ ok: false, problem: 'denied' });
    expect(asked).toBe(false);
  });

  it.each([
    ['NotAllowedError', 'denied'],
    ['NotFoundError', 'absent'],
    ['OverconstrainedError', 'absent'],
    ['NotReadableError', 'in-use'],
    ['WhateverError', 'failed'],
  ])('turns getUserMedia %s into %s', async (name, problem) => {
    const check = await checkMicrophone({ mediaDevices: { getUserMedia: () => Promise.reject(error(name)) } });
    expect(check).toEqual({ ok: false, problem });
    expect(micProblemOf(error(name))).toBe(problem);
  });

  it('reports a browser without getUserMedia, and a stream without audio', async () => {
    expect(await checkMicrophone({})).toEqual({ ok: false, problem: 'unsupported' });
    expect(await checkMicrophone({ mediaDevices: { getUserMedia: () => Promise.resolve(stream(0)) } })).toEqual({ ok: false, problem: 'absent' });
  });
});

describe(micProblemMessage.name, () => {
  it('tells the visitor what to do, in their language', () => {
    expect(micProblemMessage('denied', STRINGS.en)).toMatch(/Allow it .*then try again/);
    expect(micProblemMessage('absent', STRINGS.en)).toMatch(/No microphone was found\. Connect a headset or microphone/);
    expect(micProblemMessage('in-use', STRINGS.en)).toMatch(/Close that app/);
    expect(micProblemMessage('denied', STRINGS.zh)).toMatch(/允许麦克风/);
    const all = ['denied', 'absent', 'in-use', 'unsupported', 'failed'] as const;
    expect(new Set(all.map((p) => micProblemMessage(p, STRINGS.en))).size).toBe(all.length);
  });
});
