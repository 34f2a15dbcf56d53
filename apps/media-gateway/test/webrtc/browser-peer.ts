/**
 * Real Chromium as the far end of a WebRTC leg. One headless browser per test file; each
 * test gets a fresh page holding one RTCPeerConnection fed by the fake microphone (a WAV
 * the test wrote). SDP crosses through page.evaluate, so no signalling server is needed.
 *
 * The page code is a string: the test project compiles without DOM types, and the page
 * needs nothing from Node.
 */
import { type Browser, chromium, type Page } from 'playwright-core';

export async function launchChromium(fakeMicWav: string): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${fakeMicWav}`,
      // The AnalyserNode's AudioContext must run without a user gesture.
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

const PAGE_URL = 'http://localhost/leg-test';

const PAGE_SCRIPT = String.raw`
window.peer = (() => {
  let pc, mic, ctx, analyser;
  const gathered = () => new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
  });
  const localSdp = async () => { await pc.setLocalDescription(); await gathered(); return pc.localDescription.sdp; };
  async function setup() {
    // Voice processing would treat a steady sine as noise and eat it.
    mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    pc = new RTCPeerConnection({ iceServers: [] });
    pc.ontrack = (event) => {
      const stream = event.streams[0] || new MediaStream([event.track]);
      // Chromium feeds WebAudio from a remote stream only while a media element plays it.
      const audio = document.createElement('audio');
      audio.muted = true; audio.autoplay = true; audio.srcObject = stream;
      document.body.appendChild(audio);
      ctx = new AudioContext();
      analyser = ctx.createAnalyser();
      analyser.fftSize = 8192;
      analyser.smoothingTimeConstant = 0;
      ctx.createMediaStreamSource(stream).connect(analyser);
      ctx.resume();
    };
  }
  // werift matches codecs by name: offer it exactly PCMU and telephone-event/8000.
  function pcmuOnly(transceiver) {
    const codecs = RTCRtpReceiver.getCapabilities('audio').codecs.filter((c) =>
      c.mimeType === 'audio/PCMU' || (c.mimeType === 'audio/telephone-event' && c.clockRate === 8000));
    transceiver.setCodecPreferences(codecs);
  }
  return {
    async createOffer() {
      await setup();
      const track = mic.getAudioTracks()[0];
      pcmuOnly(pc.addTransceiver(track, { direction: 'sendrecv', streams: [mic] }));
      return localSdp();
    },
    async answer(offer) {
      await setup();
      await pc.setRemoteDescription({ type: 'offer', sdp: offer });
      pc.addTrack(mic.getAudioTracks()[0], mic);
      return localSdp();
    },
    async acceptAnswer(answer) { await pc.setRemoteDescription({ type: 'answer', sdp: answer }); },
    async reoffer(direction, iceRestart) {
      pc.getTransceivers()[0].direction = direction;
      if (iceRestart) pc.restartIce();
      return localSdp();
    },
    state() { return pc.connectionState; },
    insertDTMF(tones) { pc.getSenders()[0].dtmf.insertDTMF(tones, 100, 70); },
    close() { pc.close(); },
    // What the far end's RTCP sender reports said, as the browser's stats show them (null before any).
    async remoteSenderReport() {
      const stats = await pc.getStats();
      for (const s of stats.values()) {
        if (s.type === 'remote-outbound-rtp') return { packetsSent: s.packetsSent, bytesSent: s.bytesSent, remoteTimestamp: s.remoteTimestamp, reportsSent: s.reportsSent, timestamp: s.timestamp };
      }
      return null;
    },
    // What the far end's RTCP receiver reports said about what this page sends (null before any).
    async remoteReceiverReport() {
      const stats = await pc.getStats();
      for (const s of stats.values()) {
        if (s.type === 'remote-inbound-rtp') return { packetsLost: s.packetsLost, fractionLost: s.fractionLost, jitter: s.jitter, roundTripTime: s.roundTripTime ?? null, roundTripTimeMeasurements: s.roundTripTimeMeasurements ?? 0 };
      }
      return null;
    },
    // Peak of the received spectrum between 200 and 3400 Hz, power-averaged over a window.
    async spectrumPeak(ms) {
      if (!analyser) return { hz: 0, db: -Infinity };
      const bins = new Float32Array(analyser.frequencyBinCount);
      const sum = new Float64Array(bins.length);
      let reads = 0;
      for (const end = performance.now() + ms; performance.now() < end; reads++) {
        analyser.getFloatFrequencyData(bins);
        for (let i = 0; i < bins.length; i++) sum[i] += 10 ** (bins[i] / 10);
        await new Promise((r) => setTimeout(r, 50));
      }
      const hzPerBin = ctx.sampleRate / analyser.fftSize;
      let best = -1;
      for (let i = Math.ceil(200 / hzPerBin); i < 3400 / hzPerBin; i++) if (best < 0 || sum[i] > sum[best]) best = i;
      return { hz: best * hzPerBin, db: 10 * Math.log10(sum[best] / reads) };
    },
  };
})();
`;

/** What PAGE_SCRIPT puts on window, as Node sees it. */
interface PagePeer {
  createOffer(): Promise<string>;
  answer(offer: string): Promise<string>;
  acceptAnswer(answer: string): Promise<void>;
  reoffer(direction: string, iceRestart: boolean): Promise<string>;
  state(): string;
  insertDTMF(tones: string): void;
  close(): void;
  spectrumPeak(ms: number): Promise<{ hz: number; db: number }>;
  remoteSenderReport(): Promise<RemoteSenderReport | null>;
  remoteReceiverReport(): Promise<RemoteReceiverReport | null>;
}

/** Chromium's remote-inbound-rtp stats: the far end's receiver reports on what the page sends. */
export interface RemoteReceiverReport {
  packetsLost: number;
  fractionLost: number;
  /** Seconds. */
  jitter: number;
  /** Seconds, from the report's LSR and DLSR; null until a report carried them. */
  roundTripTime: number | null;
  roundTripTimeMeasurements: number;
}

/** Chromium's remote-outbound-rtp stats: the last RTCP sender report it received. */
export interface RemoteSenderReport {
  packetsSent: number;
  bytesSent: number;
  /** The report's NTP timestamp as Unix ms. */
  remoteTimestamp: number;
  /** When the browser received the report, Unix ms. */
  timestamp: number;
  reportsSent: number;
}
/** Functions passed to page.evaluate run in the page: they may reach only its globals. */
type PageGlobals = { peer: PagePeer };

export class BrowserPeer {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser): Promise<BrowserPeer> {
    const page = await browser.newPage();
    // getUserMedia exists only in secure contexts, which about:blank and setContent are not;
    // http://localhost is one. The route answers in-process: still no server.
    await page.route(PAGE_URL, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>leg test</title><body></body>' }));
    await page.goto(PAGE_URL);
    await page.evaluate(PAGE_SCRIPT);
    return new BrowserPeer(page);
  }

  createOffer = () => this.page.evaluate(() => (globalThis as unknown as PageGlobals).peer.createOffer());
  answer = (offer: string) => this.page.evaluate((sdp) => (globalThis as unknown as PageGlobals).peer.answer(sdp), offer);
  acceptAnswer = (answer: string) => this.page.evaluate((sdp) => (globalThis as unknown as PageGlobals).peer.acceptAnswer(sdp), answer);
  reoffer = (direction: 'sendrecv' | 'sendonly' | 'inactive', iceRestart = false) =>
    this.page.evaluate(([d, r]) => (globalThis as unknown as PageGlobals).peer.reoffer(d, r), [direction, iceRestart] as const);
  state = () => this.page.evaluate(() => (globalThis as unknown as PageGlobals).peer.state());
  insertDTMF = (tones: string) => this.page.evaluate((t) => (globalThis as unknown as PageGlobals).peer.insertDTMF(t), tones);
  closePeerConnection = () => this.page.evaluate(() => (globalThis as unknown as PageGlobals).peer.close());
  spectrumPeak = (ms: number) => this.page.evaluate((w) => (globalThis as unknown as PageGlobals).peer.spectrumPeak(w), ms);
  remoteSenderReport = () => this.page.evaluate(() => (globalThis as unknown as PageGlobals).peer.remoteSenderReport());
  remoteReceiverReport = () => this.page.evaluate(() => (globalThis as unknown as PageGlobals).peer.remoteReceiverReport());

  async close(): Promise<void> {
    await this.page.close();
  }
}
