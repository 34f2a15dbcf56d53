/**
 * The server's part in the benchmark, through the gateway's control API exactly as the
 * server drives it: answer every `incoming` leg, and once both legs of call i (its browser
 * leg and its trunk leg, told apart by the SIP user they call as) are `answered`, bridge them
 * (the trunk caller as customer, the browser as agent), and with `record` records the bridge
 * in stereo as the contact center does. It also notices legs the gateway hangs up by itself.
 */
import { type GatewayEvent } from '@ccx/contracts';
import { type GatewayControl } from '@ccx/media-gateway';
import { parseBenchUser } from './ipc.js';

interface CallLegs {
  web: string | null;
  rtp: string | null;
  answered: Set<string>;
  bridge: 'none' | 'pending' | 'done' | 'refused';
  /** Set while hanging up on purpose: the legs' hangup events are not drops. */
  ending: boolean;
  waiters: ((outcome: string | null) => void)[];
}

export class CallController {
  private readonly calls = new Map<number, CallLegs>();
  private readonly callOfLeg = new Map<string, number>();
  private readonly unsubscribe: () => void;
  /** Answer and bridge commands the gateway refused, with its reason. */
  readonly refusals: string[] = [];

  constructor(
    private readonly control: GatewayControl,
    private readonly onDrop: (call: number, reason: string) => void,
    private readonly record = false,
  ) {
    this.unsubscribe = control.onEvent((event) => this.onEvent(event));
  }

  /**
   * The gateway's own measure of the delay it added (the `mediaStats` command and event);
   * `reset` starts a new window. Null if the gateway does not answer within 5 s.
   */
  async mediaStats(reset: boolean): Promise<Extract<GatewayEvent, { event: 'mediaStats' }> | null> {
    const answer = new Promise<Extract<GatewayEvent, { event: 'mediaStats' }> | null>((resolve) => {
      const timer = setTimeout(() => {
        stop();
        resolve(null);
      }, 5000);
      const stop = this.control.onEvent((event) => {
        if (event.event !== 'mediaStats') return;
        clearTimeout(timer);
        stop();
        resolve(event);
      });
    });
    const result = await this.control.execute({ command: 'mediaStats', reset });
    return result.ok ? answer : null;
  }

  /** Resolves null once call `call` is bridged, or to the reason it will not be. */
  bridged(call: number, timeoutMs: number): Promise<string | null> {
    const legs = this.legs(call);
    if (legs.bridge === 'done') return Promise.resolve(null);
    if (legs.bridge === 'refused') return Promise.resolve('the gateway refused the bridge');
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(`not bridged within ${timeoutMs} ms (legs: web ${legs.web ? 'seen' : 'unseen'}, rtp ${legs.rtp ? 'seen' : 'unseen'}, ${legs.answered.size} answered)`), timeoutMs);
      const done = (outcome: string | null) => {
        clearTimeout(timer);
        legs.waiters = legs.waiters.filter((w) => w !== done);
        resolve(outcome);
      };
      legs.waiters.push(done);
    });
  }

  /**
   * The call is going away on purpose, so its legs' hangup events are not drops. With
   * `hangUp`, the gateway is told to end what is left of it (a setup that failed halfway);
   * otherwise the callers' own BYEs end it.
   */
  async release(call: number, hangUp: boolean): Promise<void> {
    const legs = this.calls.get(call);
    if (!legs) return;
    this.forget(call, legs);
    // The bridge's recording ends with it (its file is written), not with the gateway.
    if (legs.bridge === 'done') await this.control.execute({ command: 'unbridge', bridgeId: `bench-${call}` });
    if (hangUp) for (const legId of [legs.web, legs.rtp]) if (legId) await this.control.execute({ command: 'hangup', legId });
  }

  close(): void {
    this.unsubscribe();
  }

  private legs(call: number): CallLegs {
    let legs = this.calls.get(call);
    if (!legs) {
      legs = { web: null, rtp: null, answered: new Set(), bridge: 'none', ending: false, waiters: [] };
      this.calls.set(call, legs);
    }
    return legs;
  }

  private onEvent(event: GatewayEvent): void {
    switch (event.event) {
      case 'incoming': {
        const owner = parseBenchUser(event.channel === 'web' ? event.sipUser : event.from);
        if (!owner) return;
        const legs = this.legs(owner.call);
        legs[owner.leg] = event.legId;
        this.callOfLeg.set(event.legId, owner.call);
        // The call's other leg, if it came first: the server names the leg a new one will be
        // bridged with, so the gateway keeps their media in one worker.
        const other = owner.leg === 'web' ? legs.rtp : legs.web;
        void this.command({ command: 'answer', legId: event.legId, ...(other ? { near: other } : {}) }, owner.call);
        return;
      }
      case 'answered': {
        const found = this.find(event.legId);
        if (!found) return;
        const { call, legs } = found;
        legs.answered.add(event.legId);
        if (legs.web && legs.rtp && legs.answered.has(legs.web) && legs.answered.has(legs.rtp) && legs.bridge === 'none') {
          legs.bridge = 'pending';
          void this.command({ command: 'bridge', bridgeId: `bench-${call}`, legIds: [legs.rtp, legs.web] }, call).then(async (ok) => {
            if (ok && this.record) ok = await this.command({ command: 'recordStart', bridgeId: `bench-${call}`, recordingId: `bench-${call}-${Date.now()}` }, call);
            legs.bridge = ok ? 'done' : 'refused';
            for (const waiter of [...legs.waiters]) waiter(ok ? null : 'the gateway refused the bridge');
          });
        }
        return;
      }
      case 'hangup': {
        const found = this.find(event.legId);
        if (!found || found.legs.ending) return;
        this.forget(found.call, found.legs);
        for (const waiter of [...found.legs.waiters]) waiter(`the gateway hung up a leg (${event.cause})`);
        this.onDrop(found.call, `gateway hung up the ${found.legs.web === event.legId ? 'web' : 'rtp'} leg: ${event.cause}`);
        return;
      }
      default:
        return;
    }
  }

  private find(legId: string): { call: number; legs: CallLegs } | null {
    const call = this.callOfLeg.get(legId);
    const legs = call === undefined ? undefined : this.calls.get(call);
    return call === undefined || !legs ? null : { call, legs };
  }

  private forget(call: number, legs: CallLegs): void {
    legs.ending = true;
    this.calls.delete(call);
    for (const legId of [legs.web, legs.rtp]) if (legId) this.callOfLeg.delete(legId);
  }

  private async command(command: Parameters<GatewayControl['execute']>[0], call: number): Promise<boolean> {
    const result = await this.control.execute(command);
    if (!result.ok) this.refusals.push(`call ${call}: ${command.command} refused: ${result.error.code} ${result.error.message}`);
    return result.ok;
  }
}
