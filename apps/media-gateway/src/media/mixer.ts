/**
 * The bridge/conference mixer of one call. Every 20 ms tick it takes at most one frame per
 * participant and gives each participant the sum of everyone it may hear, minus its own voice.
 *
 * Who hears whom depends only on the speaker's role and the listener's kind:
 *
 *   speaker role │ customer  agent  supervisor  other │ use
 *   ─────────────┼─────────────────────────────────────┼──────────────────────────────
 *   talk         │   yes      yes      yes       yes  │ the parties of the call
 *   barge        │   yes      yes      yes       yes  │ a supervisor who joins the call
 *   whisper      │   no       yes      no        no   │ coaching the agent
 *   listen       │   no       no       no        no   │ silent monitoring
 *
 * Every role hears all speakers audible to its kind, so the listener's role never enters the
 * rule; nobody hears itself. `talk` and `barge` mix alike: the difference is for control and
 * reporting. A role change applies from the next `tick()`, as the matrix is read on each tick.
 */
import { type PcmFrame, SAMPLES_PER_FRAME } from './frame.js';

export type ParticipantRole = 'talk' | 'listen' | 'whisper' | 'barge';
export type ParticipantKind = 'customer' | 'agent' | 'supervisor' | 'other';

export interface MixerParticipant {
  role: ParticipantRole;
  kind: ParticipantKind;
}

/** Who hears a speaker: the matrix above, by rows. */
export type Audience = 'everyone' | 'agents' | 'nobody';

export function audienceOf(speaker: Readonly<MixerParticipant>): Audience {
  switch (speaker.role) {
    case 'talk':
    case 'barge':
      return 'everyone';
    case 'whisper':
      return 'agents';
    case 'listen':
      return 'nobody';
  }
}

/** The matrix above, cell by cell (the listener's own voice aside). */
export function canHear(listener: Readonly<MixerParticipant>, speaker: Readonly<MixerParticipant>): boolean {
  const audience = audienceOf(speaker);
  return audience === 'everyone' || (audience === 'agents' && listener.kind === 'agent');
}

const saturate = (value: number) => (value > 32767 ? 32767 : value < -32768 ? -32768 : value);

export class Mixer {
  private readonly participants = new Map<string, MixerParticipant>();
  /**
   * What each participant hears this tick, in buffers kept from tick to tick: a call mixes 50
   * times a second for its whole length, and fresh frames each time were a steady source of
   * garbage whose collection pauses every call of the gateway at once.
   */
  private readonly heard = new Map<string, PcmFrame>();
  // 32-bit accumulators, so the sum saturates once at the end instead of at every addition.
  private readonly heardByAll = new Int32Array(SAMPLES_PER_FRAME);
  private readonly heardByAgents = new Int32Array(SAMPLES_PER_FRAME);
  private readonly sum = new Int32Array(SAMPLES_PER_FRAME);

  add(id: string, participant: MixerParticipant): void {
    if (this.participants.has(id)) throw new Error(`participant ${id} is already in the mix`);
    this.participants.set(id, { ...participant });
    this.heard.set(id, new Int16Array(SAMPLES_PER_FRAME));
  }

  remove(id: string): void {
    this.participants.delete(id);
    this.heard.delete(id);
  }

  setRole(id: string, role: ParticipantRole): void {
    const participant = this.participants.get(id);
    if (!participant) throw new Error(`no participant ${id} in the mix`);
    participant.role = role;
  }

  participant(id: string): Readonly<MixerParticipant> | undefined {
    return this.participants.get(id);
  }

  get size(): number {
    return this.participants.size;
  }

  /**
   * One tick: `inputs` holds this tick's frame of each participant that sent one (a missing
   * one is silence). Returns the frame every participant hears. The map and its frames are
   * the mixer's own and are overwritten by the next tick: send or copy them before that.
   */
  tick(inputs: ReadonlyMap<string, PcmFrame>): ReadonlyMap<string, PcmFrame> {
    // One sum per audience, minus the listener's own voice, keeps a tick O(participants)
    // rather than O(participants²).
    this.heardByAll.fill(0);
    this.heardByAgents.fill(0);
    for (const [id, speaker] of this.participants) {
      const frame = inputs.get(id);
      if (!frame) continue;
      const audience = audienceOf(speaker);
      if (audience === 'everyone') accumulate(this.heardByAll, frame, 1);
      else if (audience === 'agents') accumulate(this.heardByAgents, frame, 1);
    }

    const sum = this.sum;
    for (const [id, listener] of this.participants) {
      sum.set(this.heardByAll);
      if (listener.kind === 'agent') accumulate(sum, this.heardByAgents, 1);
      const own = inputs.get(id);
      if (own && canHear(listener, listener)) accumulate(sum, own, -1);
      const out = this.heard.get(id)!;
      for (let n = 0; n < SAMPLES_PER_FRAME; n++) out[n] = saturate(sum[n]!);
    }
    return this.heard;
  }
}

function accumulate(into: Int32Array, frame: ArrayLike<number>, sign: 1 | -1): void {
  const length = Math.min(into.length, frame.length);
  for (let n = 0; n < length; n++) into[n]! += sign * frame[n]!;
}
