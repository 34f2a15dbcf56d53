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
  private disposed = false;

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
          this.dispatch({ type: 'busy' });
          return undefined;
        }
        return this.hold();
      })
      .catch(() => this.dispatch({ type: 'lost' }));
  }

  /** "Use phone here". */
  useHere(): void {
    this.dispatch({ type: 'use-here' });
  }

  /** The desk unmounts (logout): the phone stops and the lock goes to the next tab. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.clearTimer();
    this.waiting?.abort();
    this.waiting = null;
    this.channel?.close();
    this.channel = null;
    if (this.state === 'owner' || this.state === 'releasing') await this.options.stopPhone();
    this.letGo?.();
    this.letGo = null;
  }

  private onMessage(message: Message): void {
    if (message.from === this.options.tabId) return;
    if (message.type === 'release') this.dispatch({ type: 'release-asked' });
    else if (message.type === 'released') this.dispatch({ type: 'released' });
  }

  /** The lock's callback while this tab holds it: held until `letGo`. */
  private hold(): Promise<void> {
    this.dispatch({ type: 'granted' });
    return new Promise<void>((resolve) => {
      this.letGo = resolve;
    });
  }

  private dispatch(event: OwnershipEvent): void {
    if (this.disposed) return;
    const step = nextOwnership(this.state, event);
    if (event.type === 'granted' || event.type === 'lost') this.clearTimer();
    if (event.type === 'lost') this.letGo = null;
    if (step.state !== this.state) {
      this.state = step.state;
      for (const listener of this.listeners) listener();
    }
    for (const effect of step.effects) this.run(effect);
  }

  private run(effect: OwnershipEffect): void {
    const locks = navigator.locks;
    switch (effect) {
      case 'start-phone':
        void this.options.startPhone();
        return;
      case 'stop-phone':
        void this.options.stopPhone().finally(() => this.dispatch({ type: 'phone-stopped' }));
        return;
      case 'wait-for-lock': {
        if (!locks) return;
        this.waiting?.abort();
        const waiting = new AbortController();
        this.waiting = waiting;
        void locks
          .request(this.lockName, { signal: waiting.signal }, () => this.hold())
          .catch((error: unknown) => {
            // Aborted by this tab (taking over by steal, or logging out): nothing was held.
            if (!waiting.signal.aborted || (error instanceof DOMException && error.name !== 'AbortError')) this.dispatch({ type: 'lost' });
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
        void locks.request(this.lockName, { steal: true }, () => this.hold()).catch(() => this.dispatch({ type: 'lost' }));
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
