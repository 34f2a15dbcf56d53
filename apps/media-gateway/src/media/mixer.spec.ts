import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PcmFrame, SAMPLES_PER_FRAME } from './frame.js';
import { audienceOf, canHear, Mixer, type ParticipantKind, type ParticipantRole } from './mixer.js';
import { g711RoundTrip } from './test-support.js';
import { ToneGenerator } from './tone.js';
import { toneEnergyRatio } from './tone-detector.js';

/** Each participant speaks its own tone, so what each one hears can be told apart by frequency. */
const VOICES = { customer: 440, agent: 1000, supervisor: 1800 } as const;
type Who = keyof typeof VOICES;

/** Runs 10 ticks of everyone speaking and returns, per listener, which voices it heard. */
function whoHearsWhom(sut: Mixer, speakers: readonly Who[] = ['customer', 'agent', 'supervisor']): Record<Who, Who[]> {
  const generators = new Map(speakers.map((w) => [w, new ToneGenerator([VOICES[w]], -12)]));
  const heard = new Map<Who, PcmFrame[]>();
  for (let t = 0; t < 10; t++) {
    const inputs = new Map([...generators].map(([w, g]) => [w as string, g.next()]));
    // Copies: the mixer reuses its output frames on the next tick.
    for (const [id, frame] of sut.tick(inputs)) heard.set(id as Who, [...(heard.get(id as Who) ?? []), Int16Array.from(frame)]);
  }
  const result = {} as Record<Who, Who[]>;
  for (const [listener, frames] of heard) {
    // Each audible voice holds at least a third of what is heard; an absent one is leakage only.
    result[listener] = (Object.keys(VOICES) as Who[]).filter((v) => toneEnergyRatio(frames, VOICES[v]) > 0.2);
  }
  return result;
}

function callWithSupervisor(supervisorRole: ParticipantRole): Mixer {
  const sut = new Mixer();
  sut.add('customer', { kind: 'customer', role: 'talk' });
  sut.add('agent', { kind: 'agent', role: 'talk' });
  sut.add('supervisor', { kind: 'supervisor', role: supervisorRole });
  return sut;
}

describe(Mixer.name, () => {
  it('bridges two talkers: each hears the other and never itself', () => {
    const sut = new Mixer();
    sut.add('customer', { kind: 'customer', role: 'talk' });
    sut.add('agent', { kind: 'agent', role: 'talk' });
    expect(whoHearsWhom(sut, ['customer', 'agent'])).toEqual({ customer: ['agent'], agent: ['customer'] });
  });

  it('listen: the supervisor hears both, nobody hears the supervisor', () => {
    expect(whoHearsWhom(callWithSupervisor('listen'))).toEqual({
      customer: ['agent'],
      agent: ['customer'],
      supervisor: ['customer', 'agent'],
    });
  });

  it('whisper: only the agent hears the supervisor; the customer hears no 1800 Hz', () => {
    expect(whoHearsWhom(callWithSupervisor('whisper'))).toEqual({
      customer: ['agent'],
      agent: ['customer', 'supervisor'],
      supervisor: ['customer', 'agent'],
    });
  });

  it('barge: everybody hears everybody else', () => {
    expect(whoHearsWhom(callWithSupervisor('barge'))).toEqual({
      customer: ['agent', 'supervisor'],
      agent: ['customer', 'supervisor'],
      supervisor: ['customer', 'agent'],
    });
  });

  it('a listen-only agent is heard by nobody but still hears', () => {
    const sut = callWithSupervisor('talk');
    sut.setRole('agent', 'listen');
    expect(whoHearsWhom(sut)).toEqual({ customer: ['supervisor'], agent: ['customer', 'supervisor'], supervisor: ['customer'] });
  });

  it('applies a role change from the next tick on, not retroactively', () => {
    const sut = callWithSupervisor('listen');
    const supervisor = new ToneGenerator([VOICES.supervisor], -12);
    const tick = () => sut.tick(new Map([['supervisor', supervisor.next()]]));
    expect([...tick().get('customer')!].every((s) => s === 0)).toBe(true);
    sut.setRole('supervisor', 'whisper');
    const whisper = tick();
    expect([...whisper.get('customer')!].every((s) => s === 0)).toBe(true);
    expect(toneEnergyRatio([whisper.get('agent')!], VOICES.supervisor)).toBeGreaterThan(0.9);
    sut.setRole('supervisor', 'barge');
    expect(toneEnergyRatio([tick().get('customer')!], VOICES.supervisor)).toBeGreaterThan(0.9);
  });

  it('mixes exact samples: a sum of the others, silence for missing frames', () => {
    const sut = new Mixer();
    sut.add('a', { kind: 'customer', role: 'talk' });
    sut.add('b', { kind: 'agent', role: 'talk' });
    sut.add('c', { kind: 'other', role: 'talk' });
    const out = sut.tick(new Map([['a', new Int16Array(160).fill(100)], ['b', new Int16Array(160).fill(-30)]]));
    expect(out.get('a')![0]).toBe(-30);
    expect(out.get('b')![0]).toBe(100);
    expect(out.get('c')![0]).toBe(70);
    expect(out.get('c')).toHaveLength(SAMPLES_PER_FRAME);
  });

  it('saturates the sum instead of wrapping around', () => {
    const sut = new Mixer();
    for (const id of ['a', 'b', 'c', 'd']) sut.add(id, { kind: 'other', role: 'talk' });
    const loud = new Int16Array(160).fill(30000);
    const quiet = new Int16Array(160).fill(-30000);
    const out = sut.tick(new Map([['a', loud], ['b', loud], ['c', quiet]]));
    expect(out.get('d')![0]).toBe(30000); // 30000 + 30000 − 30000: saturated only at the end
    expect(out.get('c')![0]).toBe(32767);
    const low = sut.tick(new Map([['a', quiet], ['b', quiet]]));
    expect(low.get('d')![0]).toBe(-32768);
  });

  it('carries the voices through G.711 legs on both sides', () => {
    const sut = callWithSupervisor('whisper');
    const agentHears: PcmFrame[] = [];
    const customerHears: PcmFrame[] = [];
    const tones = new Map((Object.keys(VOICES) as Who[]).map((w) => [w, new ToneGenerator([VOICES[w]], -12)]));
    for (let t = 0; t < 10; t++) {
      const inputs = new Map([...tones].map(([w, g]) => [w as string, g711RoundTrip('PCMA', [g.next()])[0]!]));
      const out = sut.tick(inputs);
      agentHears.push(...g711RoundTrip('PCMU', [out.get('agent')!]));
      customerHears.push(...g711RoundTrip('PCMU', [out.get('customer')!]));
    }
    expect(toneEnergyRatio(agentHears, VOICES.supervisor)).toBeGreaterThan(0.4);
    expect(toneEnergyRatio(customerHears, VOICES.supervisor)).toBeLessThan(0.01);
  });

  it('equals the straightforward per-listener sum of canHear for any cast and roles', () => {
    const roles: ParticipantRole[] = ['talk', 'listen', 'whisper', 'barge'];
    const kinds: ParticipantKind[] = ['customer', 'agent', 'supervisor', 'other'];
    const cast = fc.array(
      fc.record({ role: fc.constantFrom(...roles), kind: fc.constantFrom(...kinds), level: fc.option(fc.integer({ min: -20000, max: 20000 }), { nil: null }) }),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(cast, (people) => {
        const sut = new Mixer();
        people.forEach((p, i) => sut.add(`p${i}`, p));
        const inputs = new Map(people.flatMap((p, i) => (p.level === null ? [] : [[`p${i}`, new Int16Array(160).fill(p.level)] as const])));
        const out = sut.tick(inputs);
        people.forEach((listener, i) => {
          const expected = people.reduce((sum, speaker, j) => (j !== i && speaker.level !== null && canHear(listener, speaker) ? sum + speaker.level : sum), 0);
          expect(out.get(`p${i}`)![0]).toBe(Math.max(-32768, Math.min(32767, expected)));
        });
      }),
    );
  });
});

describe(audienceOf.name, () => {
  it('is the matrix of the doc comment, row by row', () => {
    const rows = (['talk', 'barge', 'whisper', 'listen'] as const).map((role) => audienceOf({ role, kind: 'supervisor' }));
    expect(rows).toEqual(['everyone', 'everyone', 'agents', 'nobody']);
  });
});

describe(canHear.name, () => {
  it('lets a whisper reach agents only', () => {
    const whisperer = { kind: 'supervisor', role: 'whisper' } as const;
    expect(canHear({ kind: 'agent', role: 'talk' }, whisperer)).toBe(true);
    expect(canHear({ kind: 'customer', role: 'talk' }, whisperer)).toBe(false);
    expect(canHear({ kind: 'supervisor', role: 'listen' }, whisperer)).toBe(false);
  });
});
