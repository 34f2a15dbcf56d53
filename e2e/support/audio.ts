import { type Page } from '@playwright/test';

/** Where a page plays its call: the desk's softphone, or the widget's element in its shadow root. */
const PLAYERS = {
  softphone: 'audio[data-softphone="remote-audio"]',
  widget: 'audio[data-widget="remote-audio"]',
} as const;

/** Runs in the page: the loudest RMS of what the page's call plays (the agent's softphone by default), over `ms`. */
export async function remoteAudioPeak(page: Page, ms: number, player: keyof typeof PLAYERS = 'softphone'): Promise<number> {
  return page.evaluate(async ({ duration, selector }) => {
    const element =
      document.querySelector<HTMLAudioElement>(selector) ?? document.querySelector('ccx-call-widget')?.shadowRoot?.querySelector<HTMLAudioElement>(selector);
    const stream = element?.srcObject;
    if (!(stream instanceof MediaStream) || stream.getAudioTracks().length === 0) return 0;
    const context = new AudioContext();
    await context.resume();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    const end = performance.now() + duration;
    while (performance.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      peak = Math.max(peak, Math.sqrt(sum / samples.length));
    }
    await context.close();
    return peak;
  }, { duration: ms, selector: PLAYERS[player] });
}
