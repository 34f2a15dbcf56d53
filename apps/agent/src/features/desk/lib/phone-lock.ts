/**
 * The adapter of `domain/phone-ownership.ts`: a Web Lock named per agent is the phone
 * (held while this tab's softphone is registered), a BroadcastChannel carries the takeover
 * messages between the agent's tabs. Browsers without Web Locks (or an insecure page) get
 * the phone in every tab, as before.
 */
import {
  nextOwnership,
  type OwnershipEffect,
  type OwnershipEvent,
  type OwnershipState,
  TAKEOVER_TIMEOUT_MS,
} from '../domain/phone-ownership';

type Message = { type: 'release'; from: string } | { type: 'released'; from: string } | { type: 'owner'; from: string };

export interface PhoneLockOptions {
  agentId: string;
  tabId: string;
  startPhone(): Promise<void>;
  stopPhone(): Promise<void>;
}

export class PhoneLock {
  private state: OwnershipState = 'starting';
  private readonly listeners = new Set<() => void>();
  private channel: BroadcastChannel | null = null;
  /** Resolving it lets go of the held lock. */
  private letGo: (() => void) | null = null;
  /** Aborts the request waiting in the lock's queue. */
  private waiting: AbortController | null = null;
  private takeoverTimer: ReturnType<typeof setTimeout> | null = null;
  /** Each start() is a new generation; callbacks of an older one (a disposed mount) do nothing. */
  private generation = 0;
  private running = false;

  constructor(private readonly options: PhoneLockOptions) {}

  private get lockName(): string {
    return `ccx-phone-${this.options.agentId}`;
  }

  getState = (): OwnershipState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    this.generation += 1;
    this.running = true;
    this.setState('starting');
    const generation = this.generation;
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks || typeof BroadcastChannel === 'undefined') {
      this.dispatch({ type: 'granted' });
      return;
    }
    this.channel = new BroadcastChannel(`${this.lockName}-tabs`);
    this.channel.onmessage = (event: MessageEvent<Message>) => this.onMessage(event.data);
    void locks
      .request(this.lockName, { ifAvailable: true }, (lock) => {
        if (!lock) {
          if (generation === this.generation) this.dispatch({ type: 'busy' });
          return undefined;
        }
        return this.hold(generation);
      })
      .catch(() => generation === this.generation && this.dispatch({ type: 'lost' }));
  }

  /** "Use phone here". */
  useHere(): void {
    this.dispatch({ type: 'use-here' });
  }

  /** The desk unmounts (logout): the phone stops and the lock goes to the next tab. */
  async dispose(): Promise<void> {
    const owned = this.state === 'owner' || this.state === 'releasing';
    this.running = false;
    this.generation += 1;
    this.clearTimer();
    this.waiting?.abort();
    this.waiting = null;
    this.channel?.close();
    this.channel = null;
    const letGo = this.letGo;
    this.letGo = null;
    if (owned) await this.options.stopPhone();
    letGo?.();
  }

  private onMessage(message: Message): void {
    if (message.from === this.options.tabId) return;
    if (message.type === 'release') this.dispatch({ type: 'release-asked' });
    else if (message.type === 'released') this.dispatch({ type: 'released' });
  }

  /** The lock's callback while this tab holds it: held until `letGo` (at once for a disposed mount). */
  private hold(generation: number): Promise<void> {
    if (generation !== this.generation || !this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.letGo = resolve;
      this.dispatch({ type: 'granted' });
    });
  }

  private dispatch(event: OwnershipEvent): void {
    if (!this.running) return;
    const step = nextOwnership(this.state, event);
    if (event.type === 'granted' || event.type === 'lost') this.clearTimer();
    if (event.type === 'lost') this.letGo = null;
    this.setState(step.state);
    for (const effect of step.effects) this.run(effect);
  }

  private setState(state: OwnershipState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  private run(effect: OwnershipEffect): void {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const generation = this.generation;
    switch (effect) {
      case 'start-phone':
        void this.options.startPhone();
        return;
      case 'stop-phone':
        void this.options.stopPhone().finally(() => generation === this.generation && this.dispatch({ type: 'phone-stopped' }));
        return;
      case 'wait-for-lock': {
        if (!locks) return;
        this.waiting?.abort();
        const waiting = new AbortController();
        this.waiting = waiting;
        void locks
          .request(this.lockName, { signal: waiting.signal }, () => this.hold(generation))
          .catch(() => {
            // Aborted by this tab (taking over by steal, or logging out): nothing was held.
            if (!waiting.signal.aborted && generation === this.generation) this.dispatch({ type: 'lost' });
          });
        return;
      }
      case 'ask-release':
        this.post({ type: 'release', from: this.options.tabId });
        this.clearTimer();
        this.takeoverTimer = setTimeout(() => this.dispatch({ type: 'timed-out' }), TAKEOVER_TIMEOUT_MS);
        return;
      case 'say-released':
        this.post({ type: 'released', from: this.options.tabId });
        return;
      case 'steal-lock':
        if (!locks) return;
        this.clearTimer();
        this.waiting?.abort();
        this.waiting = null;
        void locks.request(this.lockName, { steal: true }, () => this.hold(generation)).catch(() => generation === this.generation && this.dispatch({ type: 'lost' }));
        return;
      case 'say-owner':
        this.post({ type: 'owner', from: this.options.tabId });
        return;
    }
  }

  private post(message: Message): void {
    this.channel?.postMessage(message);
  }

  private clearTimer(): void {
    if (this.takeoverTimer) clearTimeout(this.takeoverTimer);
    this.takeoverTimer = null;
  }
}
