/**
 * Audio checks for browser calls, in the page itself: every party gets a microphone that
 * plays a pure tone of its own frequency (a WebAudio oscillator in place of getUserMedia), and
 * the test asks what share of the audio a page receives from its call is each party's tone.
 * So "the customer hears the agent" is a 1000 Hz share in the customer's received audio,
 * "music on hold" is audio present with no party's tone in it.
 */
import { type BrowserContext, type Page } from '@playwright/test';

declare global {
  interface Window {
    __ccxRemoteTracks?: MediaStreamTrack[];
  }
}

/**
 * Before any page script runs: getUserMedia answers with a tone of `hz` (a real MediaStream,
 * so WebRTC sends it like a microphone), and every remote track a peer connection receives is
 * remembered for `toneShares`. Needs `--autoplay-policy=no-user-gesture-required`.
 */
export async function useToneMicrophone(context: BrowserContext, hz: number): Promise<void> {
  await context.addInitScript((frequency: number) => {
    const devices = navigator.mediaDevices;
    if (devices) {
      devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
        if (!constraints?.audio) throw new DOMException('only audio is faked', 'NotSupportedError');
        const context = new AudioContext();
        await context.resume();
        const oscillator = context.createOscillator();
        oscillator.frequency.value = frequency;
        const gain = context.createGain();
        gain.gain.value = 0.3;
        const destination = context.createMediaStreamDestination();
        oscillator.connect(gain).connect(destination);
        oscillator.start();
        return destination.stream;
      };
    }
    const tracks: MediaStreamTrack[] = [];
    window.__ccxRemoteTracks = tracks;
    const Original = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Original {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        this.addEventListener('track', (event) => {
          if (event.track.kind === 'audio') tracks.push(event.track);
        });
      }
    };
  }, hz);
}

export interface ReceivedAudio {
  /** RMS of what arrived (0 = silence). */
  rms: number;
  /** Per frequency asked for: the share of the received power within ±25 Hz of it (0–1). */
  shares: Record<number, number>;
}

/** Listens for `ms` to the newest live remote audio track of the page's calls. */
export async function receivedAudio(page: Page, frequencies: number[], ms = 1500): Promise<ReceivedAudio> {
  return page.evaluate(
    async ({ frequencies, ms }) => {
      const track = [...(window.__ccxRemoteTracks ?? [])].reverse().find((t) => t.readyState === 'live');
      const none = { rms: 0, shares: Object.fromEntries(frequencies.map((f) => [f, 0])) };
      if (!track) return none;
      const context = new AudioContext();
      await context.resume();
      const analyser = context.createAnalyser();
      analyser.fftSize = 8192;
      analyser.smoothingTimeConstant = 0;
      context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
      const binHz = context.sampleRate / analyser.fftSize;
      const spectrum = new Float32Array(analyser.frequencyBinCount);
      const samples = new Float32Array(analyser.fftSize);
      const power = new Array<number>(frequencies.length).fill(0);
      let total = 0;
      let squares = 0;
      let frames = 0;
      const end = performance.now() + ms;
      while (performance.now() < end) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        analyser.getFloatFrequencyData(spectrum);
        analyser.getFloatTimeDomainData(samples);
        for (const s of samples) squares += s * s;
        frames += 1;
        // The telephone band: G.711 carries 300–3400 Hz.
        for (let bin = Math.floor(200 / binHz); bin <= Math.ceil(3800 / binHz); bin++) {
          const p = 10 ** (spectrum[bin]! / 10);
          total += p;
          frequencies.forEach((f, i) => {
            if (Math.abs(bin * binHz - f) <= 25) power[i]! += p;
          });
        }
      }
      await context.close();
      const rms = frames > 0 ? Math.sqrt(squares / (frames * samples.length)) : 0;
      return { rms, shares: Object.fromEntries(frequencies.map((f, i) => [f, total > 0 ? power[i]! / total : 0])) };
    },
    { frequencies, ms },
  );
}

/**
 * Waits in the page for a call's remote audio to carry the tone `hz` (its share of a 43 ms
 * window above a half) and answers the epoch ms it was first heard, or null after `timeoutMs`.
 * Listens to remote tracks as they appear, so it may start before the call is answered.
 */
export async function firstHeard(page: Page, hz: number, timeoutMs: number): Promise<number | null> {
  return page.evaluate(
    async ({ hz, timeoutMs }) => {
      const end = Date.now() + timeoutMs;
      const context = new AudioContext();
      await context.resume();
      const watched = new Map<MediaStreamTrack, AnalyserNode>();
      const spectrum = new Float32Array(1024);
      try {
        while (Date.now() < end) {
          for (const track of window.__ccxRemoteTracks ?? []) {
            if (track.readyState !== 'live' || watched.has(track)) continue;
            const analyser = context.createAnalyser();
            analyser.fftSize = 2048;
            analyser.smoothingTimeConstant = 0;
            context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
            watched.set(track, analyser);
          }
          const binHz = context.sampleRate / 2048;
          for (const analyser of watched.values()) {
            analyser.getFloatFrequencyData(spectrum);
            let total = 0;
            let tone = 0;
            for (let bin = Math.floor(200 / binHz); bin <= Math.ceil(3800 / binHz); bin++) {
              const p = 10 ** (spectrum[bin]! / 10);
              total += p;
              if (Math.abs(bin * binHz - hz) <= binHz * 1.5) tone += p;
            }
            if (total > 1e-7 && tone / total > 0.5) return Date.now();
          }
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        return null;
      } finally {
        await context.close();
      }
    },
    { hz, timeoutMs },
  );
}
