/**
 * Speech prompts through the prompt source and the media engine, the way a play command
 * reaches them: the first play of a text waits (silence) while it renders, then plays.
 */
import { type GatewayEvent, type Prompt } from '@ccx/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { type PcmFrame } from '../../media/frame.js';
import { concatFrames } from '../../media/tone-detector.js';
import { MediaEngine } from '../media-engine.js';
import { FilePromptSource } from '../prompt-source.js';
import { EspeakEngine } from './espeak-engine.js';
import { SpeechPlayer } from './speech-player.js';
import { SpeechSynthesizer } from './speech-synthesizer.js';
import { bandShare, FakeEngine, level } from './test-support.js';

const WELCOME_TEXT = { text: 'Welcome to the contact center', language: 'en' } as const;
const WELCOME: Prompt = { kind: 'speech', ...WELCOME_TEXT };
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('speech prompts', () => {
  const espeak = new EspeakEngine();
  afterAll(() => espeak.close());

  it('FilePromptSource plays the synthesized samples after its wait frames', async () => {
    const synthesizer = new SpeechSynthesizer({ engine: espeak });
    const sut = new FilePromptSource('/nonexistent', synthesizer);
    const source = sut.open(WELCOME);
    expect(source).toBeInstanceOf(SpeechPlayer); // not rendered yet: it will wait

    const played: PcmFrame[] = [];
    let waitFrames = 0;
    for (let frame = 0; frame < 2000; frame++) {
      const waiting = (source as SpeechPlayer).waiting;
      const next = source.next();
      if (!next) break;
      if (waiting) {
        waitFrames++;
        await pause(5); // the engine would tick on; rendering happens meanwhile
      } else played.push(next);
    }
    const samples = await synthesizer.synthesize(WELCOME_TEXT);
    expect(waitFrames).toBeGreaterThan(0);
    expect(played).toHaveLength(Math.ceil(samples.length / 160));
    expect(concatFrames(played).subarray(0, samples.length)).toEqual(samples);

    // Rendered now: a second open plays from memory without waiting.
    const second = sut.open(WELCOME);
    expect(second).not.toBeInstanceOf(SpeechPlayer);
    expect(second.next()).toEqual(samples.subarray(0, 160));
  });

  it('the media engine plays a prepared speech prompt to a leg and reports it finished', async () => {
    const prompts = new FilePromptSource('/nonexistent', new SpeechSynthesizer({ engine: espeak }));
    const mandarin: Prompt = { kind: 'speech', text: '欢迎致电客服中心', language: 'zh' };
    await prompts.prepare(mandarin);
    const { engine, events, heard } = setup(prompts);
    engine.play('leg-1', 'pb-1', [mandarin], false, false);
    for (let t = 0; t < 400 && events.length === 0; t++) engine.tick();
    expect(events).toEqual([expect.objectContaining({ event: 'playbackDone', playbackId: 'pb-1', reason: 'finished' })]);
    const audio = concatFrames(heard);
    expect(level(audio)).toBeGreaterThan(-35);
    expect(bandShare(audio, 200, 3400)).toBeGreaterThan(0.8);
  });

  it('the media engine reports a speech prompt that failed to prepare as failed', async () => {
    const prompts = new FilePromptSource('/nonexistent', new SpeechSynthesizer({ engine: new FakeEngine('fake@1', 'engine crashed') }));
    await expect(prompts.prepare(WELCOME)).rejects.toThrow(/engine crashed/);
    const { engine, events } = setup(prompts);
    engine.play('leg-1', 'pb-1', [WELCOME], false, false);
    engine.tick();
    expect(events).toEqual([expect.objectContaining({ event: 'playbackDone', reason: 'failed' })]);
  });

  it('the media engine reports an empty speech text as failed', () => {
    const { engine, events } = setup(new FilePromptSource('/nonexistent', new SpeechSynthesizer({ engine: new FakeEngine() })));
    engine.play('leg-1', 'pb-1', [{ kind: 'speech', text: ' ', language: 'en' }], false, false);
    engine.tick();
    expect(events).toEqual([expect.objectContaining({ event: 'playbackDone', reason: 'failed' })]);
  });
});

function setup(prompts: FilePromptSource) {
  const events: GatewayEvent[] = [];
  const heard: PcmFrame[] = [];
  const engine = new MediaEngine(prompts, { write: () => '' }, (event) => events.push(event), () => 0);
  engine.attach('leg-1', { sendFrame: (frame) => heard.push(frame) });
  return { engine, events, heard };
}
