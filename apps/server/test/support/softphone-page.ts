import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';

/**
 * An agent's softphone in real Chromium: SIP.js over WebSocket to the server's /sip, with
 * WebRTC media. The page is served by a small server of its own (an empty page and SIP.js
 * from node_modules); the "microphone" is an oscillator, so the agent speaks a known tone,
 * and an AnalyserNode measures what the agent hears.
 */
const require = createRequire(import.meta.url);
const sipjsLib = join(dirname(require.resolve('sip.js/package.json')), 'lib');

export function createSoftphonePageServer(): Server {
  return createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>agent softphone test</title><body></body>');
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

export interface SoftphoneOptions {
  /** ws://host:port/sip of the server under test. */
  server: string;
  sipUri: string;
  authorizationUsername: string;
  password: string;
  toneHz: number;
}

/** What the page tells about its calls. */
export interface SoftphoneState {
  registered: boolean;
  invites: number;
  ringing: boolean;
  established: boolean;
  terminated: boolean;
}

/**
 * Runs in the page: registers and waits for calls; an incoming call rings (it is kept on
 * `window.phone.invitation`) until the test answers it with `answerInPage`.
 */
export async function registerSoftphoneInPage(options: SoftphoneOptions): Promise<string> {
  // Built from a string so the test runner's transform of import() does not reach the page.
  const load = new Function('url', 'return import(url)') as (url: string) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- SIP.js is untyped in the page
  const SIP = await load('/__sipjs/index.js');
  const audio = new AudioContext();
  const oscillator = audio.createOscillator();
  oscillator.frequency.value = options.toneHz;
  const gain = audio.createGain();
  gain.gain.value = 0.3;
  oscillator.connect(gain);
  oscillator.start();
  // A fresh "microphone" for each call: SIP.js stops the tracks of a call's stream when the call ends.
  const microphone = () => {
    const destination = audio.createMediaStreamDestination();
    gain.connect(destination);
    return destination.stream;
  };
  const state: SoftphoneState = { registered: false, invites: 0, ringing: false, established: false, terminated: false };
  const phone: { invitation: any; analyser: AnalyserNode | null; audio: AudioContext; state: SoftphoneState } = { invitation: null, analyser: null, audio, state }; // eslint-disable-line @typescript-eslint/no-explicit-any -- SIP.js is untyped in the page
  (window as unknown as { phone: unknown }).phone = phone;
  const userAgent = new SIP.UserAgent({
    uri: SIP.UserAgent.makeURI(options.sipUri),
    transportOptions: { server: options.server },
    authorizationUsername: options.authorizationUsername,
    authorizationPassword: options.password,
    logLevel: 'error',
    sessionDescriptionHandlerFactory: SIP.Web.defaultSessionDescriptionHandlerFactory(async () => microphone()),
    delegate: {
      onInvite: (invitation: any) => { // eslint-disable-line @typescript-eslint/no-explicit-any -- SIP.js is untyped in the page
        // The state is the latest call's (a page takes one call after another).
        state.invites++;
        state.ringing = true;
        state.established = false;
        state.terminated = false;
        phone.invitation = invitation;
        invitation.stateChange.addListener((s: string) => {
          if (s === 'Terminated') {
            state.ringing = false;
            state.terminated = true;
          }
          if (s !== 'Established') return;
          state.ringing = false;
          state.established = true;
          const remote = new MediaStream();
          for (const receiver of (invitation.sessionDescriptionHandler.peerConnection as RTCPeerConnection).getReceivers()) if (receiver.track) remote.addTrack(receiver.track);
          // Chromium delivers remote WebRTC audio to WebAudio only while a media element plays it.
          const element = new Audio();
          element.srcObject = remote;
          element.muted = true;
          void element.play();
          const analyser = audio.createAnalyser();
          analyser.fftSize = 8192;
          audio.createMediaStreamSource(remote).connect(analyser);
          phone.analyser = analyser;
        });
      },
    },
  });
  await userAgent.start();
  const registerer = new SIP.Registerer(userAgent, { expires: 300 });
  return new Promise<string>((resolve) => {
    registerer.stateChange.addListener((s: string) => {
      if (s !== 'Registered') return;
      state.registered = true;
      resolve(s);
    });
    void registerer.register();
  });
}

/** Runs in the page: the agent clicks Answer on the ringing call. */
export async function answerInPage(): Promise<void> {
  const phone = (window as unknown as { phone: { invitation: { accept(options: unknown): Promise<void> } | null } }).phone;
  if (!phone.invitation) throw new Error('nothing rings');
  await phone.invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
}

export function softphoneStateInPage(): SoftphoneState {
  return (window as unknown as { phone: { state: SoftphoneState } }).phone.state;
}

/** Runs in the page: the level (dB) of the received audio near each frequency; -Infinity before a call. */
export function levelsInPage(frequencies: number[]): number[] {
  const { analyser, audio } = (window as unknown as { phone: { analyser: AnalyserNode | null; audio: AudioContext } }).phone;
  if (!analyser) return frequencies.map(() => -Infinity);
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

/**
 * Runs in the page: the softphone holds (`true`) or resumes the call with a re-INVITE
 * (sendonly), as the agent desk's Hold does. The microphone is left on, so a test hears
 * whether the server keeps the agent's voice from the held customer. Resolves with
 * 'accepted' once the gateway answered the re-INVITE.
 */
export async function holdInPage(hold: boolean): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- SIP.js is untyped in the page
  const session = (window as unknown as { phone: { invitation: any } }).phone.invitation;
  if (!session) throw new Error('no call');
  session.sessionDescriptionHandlerOptionsReInvite = { ...session.sessionDescriptionHandlerOptionsReInvite, hold };
  return new Promise<string>((resolve) => {
    session
      .invite({ requestDelegate: { onAccept: () => resolve('accepted'), onReject: (response: { message: { statusCode: number } }) => resolve(String(response.message.statusCode)) } })
      .catch((error: unknown) => resolve(String(error)));
  });
}

/** Runs in the page: the agent clicks Hang up. */
export async function hangupInPage(): Promise<void> {
  const phone = (window as unknown as { phone: { invitation: { bye(): Promise<void> } | null } }).phone;
  if (!phone.invitation) throw new Error('no call');
  await phone.invitation.bye();
}

export interface CallerOptions {
  server: string;
  sipUri: string;
  authorizationUsername: string;
  password: string;
  /** The number to call. */
  to: string;
  toneHz: number;
}

/**
 * Runs in the page: a web caller (the widget's visitor) calls `to` with the given credential.
 * Resolves with 'Established' once answered, or the status of the final failure response.
 * The call is kept on `window.caller` for `hangupCallerInPage`.
 */
export async function placeCallInPage(options: CallerOptions): Promise<string> {
  const load = new Function('url', 'return import(url)') as (url: string) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- SIP.js is untyped in the page
  const SIP = await load('/__sipjs/index.js');
  const audio = new AudioContext();
  const oscillator = audio.createOscillator();
  oscillator.frequency.value = options.toneHz;
  const microphone = audio.createMediaStreamDestination();
  oscillator.connect(microphone);
  oscillator.start();
  const userAgent = new SIP.UserAgent({
    uri: SIP.UserAgent.makeURI(options.sipUri),
    transportOptions: { server: options.server },
    authorizationUsername: options.authorizationUsername,
    authorizationPassword: options.password,
    logLevel: 'error',
    sessionDescriptionHandlerFactory: SIP.Web.defaultSessionDescriptionHandlerFactory(async () => microphone.stream),
  });
  await userAgent.start();
  const target = SIP.UserAgent.makeURI(`sip:${options.to}@${new URL(options.sipUri.replace(/^sip:/, 'sip://')).hostname}`);
  const inviter = new SIP.Inviter(userAgent, target, { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
  (window as unknown as { caller: unknown }).caller = inviter;
  // What the caller hears, for `levelsInPage` (as on an agent's page).
  const phone: { analyser: AnalyserNode | null; audio: AudioContext } = { analyser: null, audio };
  (window as unknown as { phone: unknown }).phone = phone;
  return new Promise<string>((resolve) => {
    inviter.stateChange.addListener((s: string) => {
      if (s !== 'Established') return;
      const remote = new MediaStream();
      for (const receiver of (inviter.sessionDescriptionHandler.peerConnection as RTCPeerConnection).getReceivers()) if (receiver.track) remote.addTrack(receiver.track);
      const element = new Audio();
      element.srcObject = remote;
      element.muted = true;
      void element.play();
      const analyser = audio.createAnalyser();
      analyser.fftSize = 8192;
      audio.createMediaStreamSource(remote).connect(analyser);
      phone.analyser = analyser;
      resolve(s);
    });
    void inviter.invite({ requestDelegate: { onReject: (response: { message: { statusCode: number } }) => resolve(String(response.message.statusCode)) } });
  });
}

/** Runs in the page: the web caller hangs up. */
export async function hangupCallerInPage(): Promise<void> {
  const caller = (window as unknown as { caller: { bye(): Promise<void> } | null }).caller;
  if (!caller) throw new Error('no call');
  await caller.bye();
}
