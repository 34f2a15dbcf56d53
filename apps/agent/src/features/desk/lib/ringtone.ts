/**
 * The ringtone, made with WebAudio (no audio file to ship or fetch): the North American ring,
 * 440 Hz + 480 Hz, two seconds on and four off. Browsers start an AudioContext suspended
 * unless the page had a user gesture; the login click normally counts, and otherwise the
 * desk shows a "click to enable sound" prompt that calls `unlock()`.
 */
export type SoundStatus = 'unavailable' | 'locked' | 'ready';

const ON_S = 2;
const CYCLE_S = 6;

export class Ringtone {
  private context: AudioContext | null = null;
  private gain: GainNode | null = null;
  private oscillators: OscillatorNode[] = [];
  private cadence: ReturnType<typeof setInterval> | null = null;
  private device = '';
  private readonly listeners = new Set<() => void>();

  /** Creates the AudioContext (at desk mount, after the login click unlocked sound). */
  open(): void {
    if (this.context || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    context.addEventListener('statechange', () => this.emit());
    this.context = context;
    this.emit();
  }

  get status(): SoundStatus {
    if (!this.context) return 'unavailable';
    return this.context.state === 'running' ? 'ready' : 'locked';
  }

  get ringing(): boolean {
    return this.cadence !== null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getStatus = (): SoundStatus => this.status;

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  async unlock(): Promise<void> {
    await this.context?.resume();
    this.emit();
  }

  start(): void {
    const context = this.context;
    if (!context || this.cadence) return;
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(context.destination);
    this.oscillators = [440, 480].map((hz) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = hz;
      oscillator.connect(gain);
      oscillator.start();
      return oscillator;
    });
    this.gain = gain;
    const ring = () => {
      const t = context.currentTime;
      gain.gain.setValueAtTime(0.15, t);
      gain.gain.setValueAtTime(0, t + ON_S);
    };
    ring();
    this.cadence = setInterval(ring, CYCLE_S * 1000);
    this.emit();
  }

  stop(): void {
    if (this.cadence) clearInterval(this.cadence);
    this.cadence = null;
    for (const oscillator of this.oscillators) oscillator.stop();
    this.oscillators = [];
    this.gain?.disconnect();
    this.gain = null;
    this.emit();
  }

  /** The output device the ring plays on, apart from the call's speaker ('' = system default). */
  get deviceId(): string {
    return this.device;
  }

  /**
   * Rings on another output (a loudspeaker while the call audio stays in the headset). Needs
   * AudioContext.setSinkId (Chromium 110+); false when the browser cannot.
   */
  async setDevice(deviceId: string): Promise<boolean> {
    const context = this.context as (AudioContext & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (!context?.setSinkId) return false;
    await context.setSinkId(deviceId);
    this.device = deviceId;
    this.emit();
    return true;
  }

  close(): void {
    this.stop();
    void this.context?.close();
    this.context = null;
    this.emit();
  }
}
