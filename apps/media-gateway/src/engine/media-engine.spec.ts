import { type GatewayEvent } from '@ccx/contracts';
import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { type PcmFrame } from '../media/frame.js';
import { ToneGenerator } from '../media/tone.js';
import { levelDbfs, toneEnergyRatio } from '../media/tone-detector.js';
import { type FrameSink, MediaEngine } from './media-engine.js';
import { FilePromptSource } from './prompt-source.js';
import { SpeechPlayer } from './speech/speech-player.js';
import { InbandDtmfDetector } from '../media/inband-dtmf-detector.js';

const CUSTOMER = 440;
const AGENT = 1000;
const SUPERVISOR = 1800;

/** A leg of the test: speaks one tone into the engine and keeps what the engine sends it. */
class TestLeg {
  readonly heard: PcmFrame[] = [];
  /** Frames the engine's ticks sent (the rest of `heard` came by a relay). */
  ticked = 0;
  protected readonly voice: ToneGenerator | null;
  constructor(
    readonly id: string,
    frequency: number | null,
  ) {
    this.voice = frequency ? new ToneGenerator([frequency], -12) : null;
  }
  sendFrame(frame: PcmFrame): void {
    // A copy: the frame is lent (FrameSink), the engine reuses it on the next tick.
    this.heard.push(Int16Array.from(frame));
    this.ticked++;
  }
  speak(engine: MediaEngine): void {
    if (this.voice) engine.receiveFrame(this.id, this.voice.next());
  }
  /** Share of what it heard in the last `frames` frames that is at `frequency`. */
  hears(frequency: number, frames = 25): number {
    return toneEnergyRatio(this.heard.slice(-frames), frequency);
  }
}

/** A leg whose backend can relay (FrameSink.relayTo), as the gateway's legs can. */
class RelayingLeg extends TestLeg implements FrameSink {
  relay: { to: TestLeg; tap: boolean } | null = null;
  /** Refuses to start a relay (another backend's leg, a worker gone). */
  refuse = false;
  relayTo(to: FrameSink | null, tap: boolean): boolean {
    if (to && this.refuse) return false;
    this.relay = to ? { to: to as TestLeg, tap } : null;
    return true;
  }
  override speak(engine: MediaEngine): void {
    if (!this.voice) return;
    const frame = this.voice.next();
    if (this.relay) this.relay.to.heard.push(Int16Array.from(frame));
    if (!this.relay || this.relay.tap) engine.receiveFrame(this.id, frame);
  }
}

function setup() {
  const events: GatewayEvent[] = [];
  const written = new Map<string, Uint8Array>();
  const engine = new MediaEngine(
    new FilePromptSource('/nonexistent'),
    { write: (id, wav) => (written.set(id, wav), `/recordings/${id}.wav`) },
    (event) => events.push(event),
    () => 0,
  );
  const legs = new Map<string, TestLeg>();
  const add = (id: string, frequency: number | null) => {
    const leg = new TestLeg(id, frequency);
    legs.set(id, leg);
    engine.attach(id, leg);
    return leg;
  };
  const addRelaying = (id: string, frequency: number | null) => {
    const leg = new RelayingLeg(id, frequency);
    legs.set(id, leg);
    engine.attach(id, leg);
    return leg;
  };
  const run = (ticks: number) => {
    for (let t = 0; t < ticks; t++) {
      for (const leg of legs.values()) leg.speak(engine);
      engine.tick();
    }
  };
  return { engine, events, written, add, addRelaying, run };
}

describe(MediaEngine.name, () => {
  it('plays a tone prompt to a leg and reports when it finished', () => {
    const { engine, events, add, run } = setup();
    const caller = add('caller', null);
    engine.play('caller', 'p1', [{ kind: 'tone', frequencies: [CUSTOMER], durationMs: 400 }], false, false);
    run(20);
    expect(caller.hears(CUSTOMER, 20)).toBeGreaterThan(0.9);
    run(5);
    expect(events).toEqual([{ event: 'playbackDone', legId: 'caller', playbackId: 'p1', reason: 'finished', at: 0 }]);
    expect(levelDbfs(caller.heard.slice(-3))).toBe(-Infinity); // silence after the prompt
  });

  it('bridges two legs: each hears the other and not itself', () => {
    const { engine, add, run } = setup();
    const customer = add('customer', CUSTOMER);
    const agent = add('agent', AGENT);
    engine.bridge('b1', ['customer', 'agent']);
    run(25);
    expect(customer.hears(AGENT)).toBeGreaterThan(0.9);
    expect(customer.hears(CUSTOMER)).toBeLessThan(0.01);
    expect(agent.hears(CUSTOMER)).toBeGreaterThan(0.9);
  });

  it('lets a supervisor listen, whisper to the agent only, then barge, in one intervention', () => {
    const { engine, add, run } = setup();
    const customer = add('customer', CUSTOMER);
    const agent = add('agent', AGENT);
    const supervisor = add('supervisor', SUPERVISOR);
    engine.bridge('b1', ['customer', 'agent']);

    engine.addParticipant('b1', 'supervisor', 'listen', 'supervisor');
    run(25);
    expect(supervisor.hears(CUSTOMER)).toBeGreaterThan(0.3);
    expect(supervisor.hears(AGENT)).toBeGreaterThan(0.3);
    expect(customer.hears(SUPERVISOR)).toBeLessThan(0.01);
    expect(agent.hears(SUPERVISOR)).toBeLessThan(0.01);

    engine.changeRole('b1', 'supervisor', 'whisper');
    run(25);
    expect(agent.hears(SUPERVISOR)).toBeGreaterThan(0.3);
    expect(customer.hears(SUPERVISOR)).toBeLessThan(0.01);

    engine.changeRole('b1', 'supervisor', 'barge');
    run(25);
    expect(customer.hears(SUPERVISOR)).toBeGreaterThan(0.3);
    expect(agent.hears(SUPERVISOR)).toBeGreaterThan(0.3);
  });

  it('puts a leg on hold with music: the held party hears music, the other hears neither of them', () => {
    const { engine, events, add, run } = setup();
    const customer = add('customer', CUSTOMER);
    const agent = add('agent', AGENT);
    engine.bridge('b1', ['customer', 'agent']);
    engine.hold('customer', true);
    run(50);
    expect(customer.hears(AGENT, 50)).toBeLessThan(0.01);
    expect(levelDbfs(customer.heard.slice(-50))).toBeGreaterThan(-40); // music, not silence
    expect(agent.hears(CUSTOMER, 50)).toBeLessThan(0.01);
    engine.unhold('customer');
    run(25);
    expect(customer.hears(AGENT)).toBeGreaterThan(0.9);
    expect(events.map((e) => e.event === 'held' && e.held)).toEqual([true, false]);
  });

  it('collects digits up to the terminator, and times out a silent caller', () => {
    const { engine, events, add, run } = setup();
    add('caller', null);
    engine.collect('caller', { minDigits: 1, maxDigits: 8, terminator: '#', firstDigitTimeoutMs: 1000, interDigitTimeoutMs: 500 });
    for (const digit of '1234#') engine.receiveDigit('caller', digit);
    engine.collect('caller', { minDigits: 1, maxDigits: 8, terminator: '#', firstDigitTimeoutMs: 1000, interDigitTimeoutMs: 500 });
    engine.receiveDigit('caller', '9');
    run(24);
    expect(events).toHaveLength(1);
    run(1);
    expect(events).toMatchObject([
      { event: 'collected', digits: '1234', reason: 'terminator' },
      { event: 'collected', digits: '9', reason: 'timeout' },
    ]);
  });

  it('stops an interruptible prompt at the first digit', () => {
    const { engine, events, add, run } = setup();
    add('caller', null);
    engine.play('caller', 'menu', [{ kind: 'tone', frequencies: [CUSTOMER], durationMs: 5000 }], false, true);
    run(10);
    engine.receiveDigit('caller', '2');
    expect(events).toEqual([{ event: 'playbackDone', legId: 'caller', playbackId: 'menu', reason: 'interrupted', at: 0 }]);
  });

  it('records a bridge in stereo: customer left, agent right', () => {
    const { engine, events, written, add, run } = setup();
    add('customer', CUSTOMER);
    add('agent', AGENT);
    engine.bridge('b1', ['customer', 'agent']);
    engine.recordStart('b1', 'r1');
    run(50);
    engine.recordStop('r1');
    expect(events.at(-1)).toMatchObject({ event: 'recordingDone', recordingId: 'r1', path: '/recordings/r1.wav', durationMs: 1000 });
    const wav = new wavefile.WaveFile(written.get('r1')!);
    const channels = wav.getSamples(false, Int16Array) as unknown as Int16Array[];
    const asFrames = (samples: Int16Array) => Array.from({ length: 50 }, (_, i) => samples.subarray(i * 160, (i + 1) * 160));
    expect(toneEnergyRatio(asFrames(channels[0]!), CUSTOMER)).toBeGreaterThan(0.9);
    expect(toneEnergyRatio(asFrames(channels[0]!), AGENT)).toBeLessThan(0.01);
    expect(toneEnergyRatio(asFrames(channels[1]!), AGENT)).toBeGreaterThan(0.9);
  });

  it('records every other party on the agents\' side once a third joins the bridge (a consult, a conference)', () => {
    const { engine, written, add, run } = setup();
    add('customer', CUSTOMER);
    add('agent', AGENT);
    add('colleague', SUPERVISOR);
    engine.bridge('b1', ['customer', 'agent']);
    engine.recordStart('b1', 'r1');
    run(25);
    engine.addParticipant('b1', 'colleague', 'talk', 'agent');
    run(25);
    engine.recordStop('r1');
    const wav = new wavefile.WaveFile(written.get('r1')!);
    const channels = wav.getSamples(false, Int16Array) as unknown as Int16Array[];
    const frames = (samples: Int16Array, from: number, to: number) => Array.from({ length: to - from }, (_, i) => samples.subarray((from + i) * 160, (from + i + 1) * 160));
    expect(toneEnergyRatio(frames(channels[1]!, 5, 25), SUPERVISOR)).toBeLessThan(0.01);
    expect(toneEnergyRatio(frames(channels[1]!, 30, 50), AGENT)).toBeGreaterThan(0.3);
    expect(toneEnergyRatio(frames(channels[1]!, 30, 50), SUPERVISOR)).toBeGreaterThan(0.3);
    expect(toneEnergyRatio(frames(channels[0]!, 30, 50), CUSTOMER)).toBeGreaterThan(0.9);
  });

  it('records one leg in mono (a voicemail) until its length limit, holding the caller\'s voice only', () => {
    const { engine, events, written, add, run } = setup();
    add('caller', CUSTOMER);
    add('other', AGENT);
    engine.play('caller', 'beep', [{ kind: 'tone', frequencies: [SUPERVISOR], durationMs: 200 }], false, false);
    engine.recordLeg('caller', 'vm1', 1000, '#');
    run(49);
    expect(events.filter((e) => e.event === 'recordingDone')).toEqual([]);
    run(1);
    expect(events.at(-1)).toMatchObject({ event: 'recordingDone', recordingId: 'vm1', path: '/recordings/vm1.wav', durationMs: 1000, reason: 'max-duration' });
    const wav = new wavefile.WaveFile(written.get('vm1')!);
    expect(wav.fmt).toMatchObject({ numChannels: 1, sampleRate: 8000 });
    const samples = wav.getSamples(false, Int16Array) as unknown as Int16Array;
    const frames = Array.from({ length: 50 }, (_, i) => samples.subarray(i * 160, (i + 1) * 160));
    // The first frames are the playout buffer priming (silence); the rest is the caller's tone.
    expect(toneEnergyRatio(frames.slice(5), CUSTOMER)).toBeGreaterThan(0.9);
    expect(toneEnergyRatio(frames, AGENT)).toBeLessThan(0.01);
    expect(toneEnergyRatio(frames, SUPERVISOR)).toBeLessThan(0.01);
  });

  it('ends a leg recording on a stop key, on recordStop and on hang-up, saying why', () => {
    const { engine, events, add, run } = setup();
    add('a', CUSTOMER);
    add('b', AGENT);
    add('c', null);
    engine.recordLeg('a', 'vm-a', 60_000, '#*');
    engine.recordLeg('b', 'vm-b', 60_000, '#');
    engine.recordLeg('c', 'vm-c', 60_000, '');
    expect(() => engine.recordLeg('a', 'again', 60_000, '#')).toThrow(/being recorded/);
    run(25);
    engine.receiveDigit('a', '1');
    engine.receiveDigit('a', '*');
    engine.receiveDigit('c', '#');
    engine.recordStop('vm-b');
    engine.detach('c');
    expect(events.filter((e) => e.event === 'recordingDone').map((e) => e.event === 'recordingDone' && [e.recordingId, e.reason, e.durationMs])).toEqual([
      ['vm-a', 'digit', 500],
      ['vm-b', 'stopped', 500],
      ['vm-c', 'hangup', 500],
    ]);
    expect(() => engine.recordStop('vm-a')).toThrow(/no recording/);
  });

  it('passes on every frame of a leg whose frames arrive two at a time (30 ms packets, batches)', () => {
    const { engine, add } = setup();
    const customer = add('customer', null);
    const agent = add('agent', null);
    engine.bridge('b1', ['customer', 'agent']);
    const sent = Array.from({ length: 12 }, (_, i) => new Int16Array(160).fill(100 * (i + 1)));
    for (let i = 0; i < sent.length; i += 2) {
      engine.receiveFrame('customer', sent[i]!);
      engine.receiveFrame('customer', sent[i + 1]!);
      engine.tick();
      engine.tick();
    }
    for (let t = 0; t < 4; t++) engine.tick();
    // Two ticks of priming (three frames are the cushion), then every frame in order.
    expect(agent.heard.map((frame) => frame[0]).filter((v) => v !== 0)).toEqual(sent.map((frame) => frame[0]));
    expect(agent.heard.findIndex((frame) => frame[0] !== 0)).toBe(2);
    expect(customer.heard.every((frame) => frame[0] === 0)).toBe(true);
  });

  it('keeps each frame on its tick when arrivals wander around the tick, and drops a frame later than the cushion rather than delaying the rest', () => {
    const { engine, add } = setup();
    add('customer', null);
    const agent = add('agent', null);
    engine.bridge('b1', ['customer', 'agent']);
    const frame = (n: number) => new Int16Array(160).fill(n);
    let next = 1;
    const arrive = (count = 1) => {
      for (let i = 0; i < count; i++) engine.receiveFrame('customer', frame(next++));
    };
    // Priming: frames 1-3, then playout starts with frame 1.
    arrive(3); // 1 2 3
    engine.tick();
    // Steady, one frame per tick, except that frame 5 arrives after its usual slot (5 and 6 together).
    arrive(); // 4
    engine.tick();
    engine.tick();
    arrive(2); // 5 6
    engine.tick();
    arrive(); // 7
    engine.tick();
    expect(agent.heard.map((f) => f[0])).toEqual([1, 2, 3, 4, 5]);
    // The far end stalls for 100 ms: the queue (6 7, then 8) runs dry, two ticks go out
    // silent; 9-13 come in a burst, 9 and 10 (whose ticks have passed) are dropped, and 11
    // goes out on its own tick: the frames after the stall keep their time.
    arrive(); // 8
    for (let t = 0; t < 5; t++) engine.tick();
    arrive(5); // 9 10 11 12 13
    for (let t = 0; t < 3; t++) {
      engine.tick();
      arrive();
    }
    expect(agent.heard.slice(5).map((f) => f[0])).toEqual([6, 7, 8, 0, 0, 11, 12, 13]);
    // The two late frames are counted as dropped, never sent: loss for the far end, not jitter.
    expect(engine.playoutDrops(true)).toEqual({ late: 2, backlog: 0 });
    expect(engine.playoutDrops()).toEqual({ late: 0, backlog: 0 });
  });

  it('forgets frames that never came (lost on the way), so a later burst costs no frame that is on time', () => {
    const { engine, add } = setup();
    add('customer', null);
    const agent = add('agent', null);
    engine.bridge('b1', ['customer', 'agent']);
    const frame = (n: number) => new Int16Array(160).fill(n);
    for (const n of [1, 2, 3]) engine.receiveFrame('customer', frame(n));
    for (let t = 0; t < 5; t++) engine.tick(); // plays 1 2 3, then two silent ticks: 4 and 5 never come
    for (const n of [6, 7, 8, 9]) {
      engine.receiveFrame('customer', frame(n));
      engine.tick();
    }
    for (const n of [10, 11, 12, 13]) engine.receiveFrame('customer', frame(n)); // a batch
    for (let t = 0; t < 4; t++) engine.tick();
    expect(agent.heard.map((f) => f[0]).filter((v) => v !== 0)).toEqual([1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('bounds a leg that sends faster than the engine ticks, and drains a lasting backlog of two frames or more', () => {
    const { engine, add } = setup();
    add('customer', null);
    const agent = add('agent', null);
    engine.bridge('b1', ['customer', 'agent']);
    for (let i = 1; i <= 10; i++) engine.receiveFrame('customer', new Int16Array(160).fill(i));
    engine.tick();
    expect(agent.heard.map((f) => f[0])).toEqual([3]); // 1 and 2 dropped: eight frames at most
    // Seven frames queued (the cushion is three): kept 500 ms, then given up one at a time.
    for (let t = 0; t < 30; t++) {
      engine.receiveFrame('customer', new Int16Array(160).fill(100 + t));
      engine.tick();
    }
    const played = agent.heard.map((f) => f[0]!);
    const jumps = played.slice(1).filter((value, index) => value !== played[index]! + 1 && !(played[index] === 10 && value === 100));
    expect(jumps).toHaveLength(1);
    expect(engine.playoutDrops()).toEqual({ late: 0, backlog: 3 }); // two on overflow, one drained
  });

  it('tells each party of a two-party bridge which received frame its frame was made from', () => {
    const { engine } = setup();
    const sent: Record<string, (number | undefined)[]> = { a: [], b: [] };
    engine.attach('a', { sendFrame: (_frame, madeFrom) => sent.a!.push(madeFrom) });
    engine.attach('b', { sendFrame: (_frame, madeFrom) => sent.b!.push(madeFrom) });
    engine.bridge('b1', ['a', 'b']);
    for (let t = 0; t < 6; t++) {
      engine.receiveFrame('a', new Int16Array(160), 1000 + t);
      engine.receiveFrame('b', new Int16Array(160), 2000 + t);
      engine.tick();
    }
    // Priming takes two ticks (nothing to pass on), then frame n of each side goes to the other.
    expect(sent.a).toEqual([undefined, undefined, 2000, 2001, 2002, 2003]);
    expect(sent.b).toEqual([undefined, undefined, 1000, 1001, 1002, 1003]);
  });

  it('reports a speech prompt whose rendering failed as a failed playback', async () => {
    const events: GatewayEvent[] = [];
    let fail: (error: Error) => void = () => undefined;
    const source = new SpeechPlayer(new Promise<Int16Array>((_, reject) => (fail = reject)));
    const prompts = { open: () => source, music: () => source };
    const failing = new MediaEngine(prompts, { write: () => '' }, (event) => events.push(event), () => 0);
    failing.attach('caller', { sendFrame: () => undefined });
    failing.play('caller', 'p1', [{ kind: 'speech', text: 'hello', language: 'en' }], false, false);
    failing.tick();
    expect(events).toEqual([]);
    fail(new Error('engine crashed'));
    await Promise.resolve();
    failing.tick();
    expect(events).toEqual([{ event: 'playbackDone', legId: 'caller', playbackId: 'p1', reason: 'failed', at: 0 }]);
  });

  it('plays key presses in-band as Q.23 tone pairs an in-band detector recognises, then reports them done', () => {
    const { engine, events, add, run } = setup();
    const caller = add('caller', null);
    engine.playDigits('caller', 'keys', '1#1', 100);
    run(40);
    const detector = new InbandDtmfDetector();
    expect(caller.heard.flatMap((frame) => detector.process(frame).map((d) => d.digit))).toEqual(['1', '#', '1']);
    expect(events).toEqual([{ event: 'playbackDone', legId: 'caller', playbackId: 'keys', reason: 'finished', at: 0 }]);
  });

  it('refuses commands for unknown legs and bridges by name', () => {
    const { engine } = setup();
    expect(() => engine.play('ghost', 'p', [{ kind: 'music' }], false, false)).toThrow(/no leg ghost/);
    expect(() => engine.unbridge('b9')).toThrow(/no bridge b9/);
  });

  describe('direct bridges (legs that relay to each other)', () => {
    it('makes a plain two-party bridge direct: each hears the other through its relay, and the ticks send them nothing', () => {
      const { engine, addRelaying, run } = setup();
      const customer = addRelaying('customer', CUSTOMER);
      const agent = addRelaying('agent', AGENT);
      engine.bridge('b1', ['customer', 'agent']);
      run(1);
      expect(customer.relay).toEqual({ to: agent, tap: false });
      expect(agent.relay).toEqual({ to: customer, tap: false });
      const ticked = customer.ticked;
      run(25);
      expect(customer.ticked).toBe(ticked);
      expect(customer.hears(AGENT)).toBeGreaterThan(0.9);
      expect(agent.hears(CUSTOMER)).toBeGreaterThan(0.9);
      expect(customer.hears(CUSTOMER)).toBeLessThan(0.01);
    });

    it('goes back to the mixer for a hold (music before anything else is sent) and direct again after it', () => {
      const { engine, addRelaying, run } = setup();
      const customer = addRelaying('customer', CUSTOMER);
      const agent = addRelaying('agent', AGENT);
      engine.bridge('b1', ['customer', 'agent']);
      run(5);
      engine.hold('customer', false);
      run(1);
      expect(customer.relay).toBeNull();
      expect(agent.relay).toBeNull();
      run(24);
      // Held: out of the conversation both ways, each hears silence from the engine.
      expect(levelDbfs(customer.heard.slice(-10))).toBe(-Infinity);
      expect(levelDbfs(agent.heard.slice(-10))).toBe(-Infinity);
      engine.unhold('customer');
      run(1);
      expect(customer.relay?.to).toBe(agent);
      run(25);
      expect(agent.hears(CUSTOMER)).toBeGreaterThan(0.9);
    });

    it('plays a prompt to one party through the engine, then relays again when it is done', () => {
      const { engine, events, addRelaying, run } = setup();
      const customer = addRelaying('customer', CUSTOMER);
      const agent = addRelaying('agent', AGENT);
      engine.bridge('b1', ['customer', 'agent']);
      run(5);
      engine.play('customer', 'notice', [{ kind: 'tone', frequencies: [SUPERVISOR], durationMs: 400 }], false, false);
      run(20);
      expect(customer.relay).toBeNull();
      expect(customer.hears(SUPERVISOR, 15)).toBeGreaterThan(0.9);
      // The other party still hears the customer, mixed by the engine.
      expect(agent.hears(CUSTOMER, 15)).toBeGreaterThan(0.9);
      run(2);
      expect(events.filter((e) => e.event === 'playbackDone')).toHaveLength(1);
      expect(customer.relay?.to).toBe(agent);
    });

    it('mixes while a third party is in the bridge (a whisper reaches the agent only), and relays again once it left', () => {
      const { engine, add, addRelaying, run } = setup();
      const customer = addRelaying('customer', CUSTOMER);
      const agent = addRelaying('agent', AGENT);
      const supervisor = add('supervisor', SUPERVISOR);
      engine.bridge('b1', ['customer', 'agent']);
      run(5);
      engine.addParticipant('b1', 'supervisor', 'whisper', 'supervisor');
      run(25);
      expect(customer.relay).toBeNull();
      expect(agent.hears(SUPERVISOR)).toBeGreaterThan(0.3);
      expect(customer.hears(SUPERVISOR)).toBeLessThan(0.01);
      expect(supervisor.hears(CUSTOMER)).toBeGreaterThan(0.3);
      engine.detach('supervisor');
      run(1);
      expect(customer.relay?.to).toBe(agent);
    });

    it('stays mixed while one party of two whispers (the customer must not hear it)', () => {
      const { engine, addRelaying, run } = setup();
      const customer = addRelaying('customer', CUSTOMER);
      addRelaying('agent', AGENT);
      engine.bridge('b1', ['customer', 'agent']);
      engine.changeRole('b1', 'agent', 'whisper');
      run(25);
      expect(customer.relay).toBeNull();
      expect(customer.hears(AGENT)).toBeLessThan(0.01);
    });

    it('records a direct bridge from the frames its relays tap: customer left, agent right', () => {
      const { engine, written, addRelaying, run } = setup();
      const customer = addRelaying('customer', CUSTOMER);
      addRelaying('agent', AGENT);
      engine.bridge('b1', ['customer', 'agent']);
      engine.recordStart('b1', 'r1');
      run(50);
      expect(customer.relay?.tap).toBe(true);
      engine.recordStop('r1');
      run(1);
      expect(customer.relay?.tap).toBe(false);
      const wav = new wavefile.WaveFile(written.get('r1')!);
      const channels = wav.getSamples(false, Int16Array) as unknown as Int16Array[];
      const frames = (samples: Int16Array) => Array.from({ length: 40 }, (_, i) => samples.subarray((10 + i) * 160, (11 + i) * 160));
      expect(toneEnergyRatio(frames(channels[0]!), CUSTOMER)).toBeGreaterThan(0.9);
      expect(toneEnergyRatio(frames(channels[1]!), AGENT)).toBeGreaterThan(0.9);
      expect(toneEnergyRatio(frames(channels[0]!), AGENT)).toBeLessThan(0.01);
    });

    it('keeps mixing when a leg cannot relay, and takes back the other leg\'s relay', () => {
      const { engine, addRelaying, run } = setup();
      const customer = addRelaying('customer', CUSTOMER);
      const agent = addRelaying('agent', AGENT);
      agent.refuse = true;
      engine.bridge('b1', ['customer', 'agent']);
      run(25);
      expect(customer.relay).toBeNull();
      expect(agent.relay).toBeNull();
      expect(customer.hears(AGENT)).toBeGreaterThan(0.9);
      expect(agent.hears(CUSTOMER)).toBeGreaterThan(0.9);
    });

    it('ends the relays when the bridge ends or a party hangs up', () => {
      const { engine, addRelaying, run } = setup();
      const customer = addRelaying('customer', CUSTOMER);
      const agent = addRelaying('agent', AGENT);
      const other = addRelaying('other', SUPERVISOR);
      engine.bridge('b1', ['customer', 'agent']);
      run(1);
      engine.unbridge('b1');
      expect([customer.relay, agent.relay]).toEqual([null, null]);
      engine.bridge('b2', ['customer', 'other']);
      run(1);
      expect(other.relay?.to).toBe(customer);
      engine.detach('other');
      expect(customer.relay).toBeNull();
      run(5);
      expect(customer.ticked).toBeGreaterThan(0);
    });
  });
});
