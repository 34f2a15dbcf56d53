/**
 * Test pages for browser calls: a same-origin HTML page with SIP.js served from
 * node_modules, and a softphone in the page whose "microphone" is an oscillator, so each
 * page speaks a known tone and measures what it hears with an AnalyserNode.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';

const require = createRequire(import.meta.url);
const sipjsLib = join(dirname(require.resolve('sip.js/package.json')), 'lib');

export function createTestPageServer(): Server {
  return createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>softphone test</title><body></body>');
      return;
    }
    if (path.startsWith('/__sipjs/')) {
      const relative = normalize(path.slice('/__sipjs/'.length));
      if (relative.startsWith('..')) return void res.writeHead(403).end();
      try {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(join(sipjsLib, relative)));
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    res.writeHead(404).end();
  });
}

export interface PagePhoneOptions {
  sipUri: string;
  authorizationUsername: string;
  password: string;
  /** The tone this phone's microphone sends. */
  toneHz: number;
  target: string;
}

/**
 * Runs in the page: registers nothing, just calls `target` and keeps the session and an
 * analyser of the received audio on `window.phone`.
 */
export async function placeCallInPage(options: PagePhoneOptions): Promise<string> {
  // Built from a string so the test runner's transform of import() does not reach the page.
  const load = new Function('url', 'return import(url)') as (url: string) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- SIP.js is untyped in the page
  const SIP = await load('/__sipjs/index.js');
  const audio = new AudioContext();
  const oscillator = audio.createOscillator();
  oscillator.frequency.value = options.toneHz;
  const gain = audio.createGain();
  gain.gain.value = 0.3;
  const microphone = audio.createMediaStreamDestination();
  oscillator.connect(gain).connect(microphone);
  oscillator.start();

  const userAgent = new SIP.UserAgent({
    uri: SIP.UserAgent.makeURI(options.sipUri),
    transportOptions: { server: `ws://${location.host}/sip` },
    authorizationUsername: options.authorizationUsername,
    authorizationPassword: options.password,
    logLevel: 'error',
    sessionDescriptionHandlerFactory: SIP.Web.defaultSessionDescriptionHandlerFactory(async () => microphone.stream),
  });
  await userAgent.start();
  const inviter = new SIP.Inviter(userAgent, SIP.UserAgent.makeURI(options.target), {
    sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
  });
  const state = await new Promise<string>((resolve) => {
    inviter.stateChange.addListener((s: string) => {
      if (s === 'Established' || s === 'Terminated') resolve(s);
    });
    inviter.invite({ requestDelegate: { onReject: (r: { message: { statusCode: number } }) => resolve(`rejected ${r.message.statusCode}`) } });
  });
  if (state !== 'Established') return state;

  const remote = new MediaStream();
  const pc = inviter.sessionDescriptionHandler.peerConnection as RTCPeerConnection;
  for (const receiver of pc.getReceivers()) if (receiver.track) remote.addTrack(receiver.track);
  // Chromium delivers remote WebRTC audio to WebAudio only while a media element plays it.
  const element = new Audio();
  element.srcObject = remote;
  element.muted = true;
  void element.play();
  const analyser = audio.createAnalyser();
  analyser.fftSize = 8192;
  audio.createMediaStreamSource(remote).connect(analyser);
  (window as unknown as { phone: unknown }).phone = { inviter, analyser, audio };
  return state;
}

/**
 * Runs in the page: registers and answers the first incoming call (a softphone being
 * called by the gateway); the call's analyser lands on `window.phone` once established.
 */
export async function registerAndAnswerInPage(options: Omit<PagePhoneOptions, 'target'>): Promise<string> {
  const load = new Function('url', 'return import(url)') as (url: string) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- SIP.js is untyped in the page
  const SIP = await load('/__sipjs/index.js');
  const audio = new AudioContext();
  const oscillator = audio.createOscillator();
  oscillator.frequency.value = options.toneHz;
  const microphone = audio.createMediaStreamDestination();
  oscillator.connect(microphone);
  oscillator.start();
  const state: { calls: number; established: boolean; terminated: boolean } = { calls: 0, established: false, terminated: false };
  const userAgent = new SIP.UserAgent({
    uri: SIP.UserAgent.makeURI(options.sipUri),
    transportOptions: { server: `ws://${location.host}/sip` },
    authorizationUsername: options.authorizationUsername,
    authorizationPassword: options.password,
    logLevel: 'error',
    sessionDescriptionHandlerFactory: SIP.Web.defaultSessionDescriptionHandlerFactory(async () => microphone.stream),
    delegate: {
      onInvite: (invitation: any) => { // eslint-disable-line @typescript-eslint/no-explicit-any -- SIP.js is untyped in the page
        state.calls++;
        invitation.stateChange.addListener((s: string) => {
          if (s === 'Terminated') state.terminated = true;
          if (s !== 'Established') return;
          state.established = true;
          const remote = new MediaStream();
          for (const receiver of (invitation.sessionDescriptionHandler.peerConnection as RTCPeerConnection).getReceivers()) if (receiver.track) remote.addTrack(receiver.track);
          const element = new Audio();
          element.srcObject = remote;
          element.muted = true;
          void element.play();
          const analyser = audio.createAnalyser();
          analyser.fftSize = 8192;
          audio.createMediaStreamSource(remote).connect(analyser);
          (window as unknown as { phone: unknown }).phone = { invitation, analyser, audio };
        });
        void invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
      },
    },
  });
  (window as unknown as { softphone: unknown }).softphone = state;
  await userAgent.start();
  const registerer = new SIP.Registerer(userAgent, { expires: 300 });
  return new Promise<string>((resolve) => {
    registerer.stateChange.addListener((s: string) => s === 'Registered' && resolve(s));
    void registerer.register();
  });
}

/** Runs in the page: the level (dB) of the received audio near each frequency. */
export function levelsInPage(frequencies: number[]): number[] {
  const { analyser, audio } = (window as unknown as { phone: { analyser: AnalyserNode; audio: AudioContext } }).phone;
  const bins = new Float32Array(analyser.frequencyBinCount);
  analyser.getFloatFrequencyData(bins);
  const binHz = audio.sampleRate / analyser.fftSize;
  return frequencies.map((f) => {
    const centre = Math.round(f / binHz);
    let best = -Infinity;
    for (let b = centre - 3; b <= centre + 3; b++) best = Math.max(best, bins[b] ?? -Infinity);
    return best;
  });
}
