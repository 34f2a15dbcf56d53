/**
 * The browser softphone: one SIP.js user agent over the gateway's WebSocket, registered with
 * credentials the server issues, and its calls with WebRTC audio. It owns the SIP.js objects
 * and the remote <audio> element; the rules (call phases, quality grading, renewal timing,
 * backoff) live in ../domain and are applied here. Apps read `getSnapshot()` and `subscribe()`
 * (shaped for React's useSyncExternalStore) and call the verbs.
 *
 *   idle ──start()──▶ connecting ──ws up──▶ registering ──200──▶ registered
 *                        ▲                                          │
 *                        └──── ws dropped: backoff, new credentials ◀┘
 *   registered ──renewal timer──▶ new credentials, REGISTER again (calls keep going)
 *
 * A dropped WebSocket while calls are up does not start over: the same user agent
 * reconnects, registers, and restarts ICE on each call by re-INVITE (`recover`).
 */
import { Invitation, Inviter, Registerer, RegistererState, type Session, SessionState, UserAgent } from 'sip.js';
import { type CallQuality, measureQuality, type RtpReading } from '../domain/call-quality';
import { type CallEndReason, type CallEvent, type CallSnapshot, DTMF_TONES, isConnected, newCall, transition } from '../domain/call-state';
import { credentialRenewalDelayMs, reconnectDelayMs } from '../domain/registration-timing';

/** What the server's `POST /api/sip/credentials` answers (validated by the app with the contracts schema). */
export interface SoftphoneCredentials {
  sipUri: string;
  authorizationUsername: string;
  password: string;
  webSocketPath: string;
  expiresAt: string;
}

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'disconnected';
export type RegistrationStatus = 'unregistered' | 'registering' | 'registered';

export interface SoftphoneState {
  connection: ConnectionStatus;
  registration: RegistrationStatus;
  /** The user part of the registered address (the agent's extension). */
  extension: string | null;
  /** Live calls (ended ones leave the list; the last one is kept in `lastEnded`). */
  calls: CallSnapshot[];
  lastEnded: CallSnapshot | null;
  quality: Record<string, CallQuality>;
  microphoneId: string | null;
  speakerId: string | null;
  /** What is wrong, in words for the user; null when all is well. */
  problem: string | null;
}

export interface SoftphoneOptions {
  /** Fetches fresh credentials from the server; called at start, before they expire and on reconnect. */
  fetchCredentials(): Promise<SoftphoneCredentials>;
  /** Turns the credentials' webSocketPath into a URL; defaults to the page's own origin. */
  webSocketUrl?: (path: string) => string;
  /** No STUN by default: the gateway is reached directly, and waiting on an unreachable STUN server delays every call. */
  iceServers?: RTCIceServer[];
  /** Where remote audio plays; a hidden element is added to the document when omitted. */
  audioElement?: HTMLAudioElement;
  qualityIntervalMs?: number;
  now?: () => number;
  /**
   * `false` for a caller that only places calls (the widget's anonymous visitor, whose
   * credential cannot register): connect and call, never REGISTER. Default `true`.
   */
  register?: boolean;
}

const INITIAL: SoftphoneState = {
  connection: 'idle',
  registration: 'unregistered',
  extension: null,
  calls: [],
  lastEnded: null,
  quality: {},
  microphoneId: null,
  speakerId: null,
  problem: null,
};

interface LiveCall {
  snapshot: CallSnapshot;
  session: Session;
  previousReading: RtpReading | null;
}

function defaultWebSocketUrl(path: string): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${path}`;
}

export class Softphone {
  private state: SoftphoneState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly calls = new Map<string, LiveCall>();
  private userAgent: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private domain = 'invalid';
  private renewTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private qualityTimer: ReturnType<typeof setInterval> | null = null;
  private reconnectAttempts = 0;
  private stopped = true;
  /** Bumped by stop(): work started before a stop must not touch what a later start() built. */
  private generation = 0;
  private seq = 0;
  private audio: HTMLAudioElement | null = null;
  private readonly now: () => number;

  /** Inert until start(): safe to construct during a render. */
  constructor(private readonly options: SoftphoneOptions) {
    this.now = options.now ?? Date.now;
  }

  private static hiddenAudioElement(): HTMLAudioElement {
    const element = document.createElement('audio');
    element.autoplay = true;
    element.hidden = true;
    element.dataset.softphone = 'remote-audio';
    document.body.appendChild(element);
    return element;
  }

  // ── observable snapshot ─────────────────────────────────────────────────────────────

  getSnapshot = (): SoftphoneState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<SoftphoneState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private publishCalls(): void {
    this.set({ calls: [...this.calls.values()].map((c) => c.snapshot) });
  }

  /** The remote audio element (while started): apps and tests may inspect what the agent hears. */
  get remoteAudio(): HTMLAudioElement | null {
    return this.audio;
  }

  // ── registration ────────────────────────────────────────────────────────────────────

  /** Fetches credentials, connects and registers; retries with backoff until `stop()`. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.audio = this.options.audioElement ?? Softphone.hiddenAudioElement();
    window.addEventListener('online', this.onOnline);
    await this.connect();
  }

  /** Hangs up, unregisters and closes; start() may be called again afterwards. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.generation += 1;
    window.removeEventListener('online', this.onOnline);
    this.clearTimers();
    for (const call of [...this.calls.values()]) this.hangUp(call.snapshot.id);
    const userAgent = this.userAgent;
    const registerer = this.registerer;
    this.userAgent = null;
    this.registerer = null;
    this.reconnectAttempts = 0;
    if (this.audio && !this.options.audioElement) this.audio.remove();
    this.audio = null;
    this.set({ ...INITIAL, microphoneId: this.state.microphoneId, speakerId: this.state.speakerId });
    try {
      if (registerer?.state === RegistererState.Registered) await registerer.unregister();
    } catch {
      // The gateway forgets the registration when the WebSocket closes anyway.
    }
    await userAgent?.stop().catch(() => undefined);
  }

  private clearTimers(): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.qualityTimer) clearInterval(this.qualityTimer);
    this.renewTimer = this.reconnectTimer = this.qualityTimer = null;
  }

  private async connect(): Promise<void> {
    const generation = this.generation;
    this.set({ connection: 'connecting', registration: 'unregistered' });
    let credentials: SoftphoneCredentials;
    try {
      credentials = await this.options.fetchCredentials();
    } catch (error) {
      if (generation === this.generation) this.scheduleReconnect(`Could not get SIP credentials: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (this.stopped || generation !== this.generation) return;
    const uri = UserAgent.makeURI(credentials.sipUri);
    if (!uri) {
      this.set({ connection: 'disconnected', problem: `The server issued an invalid SIP address: ${credentials.sipUri}` });
      return;
    }
    this.domain = uri.host;
    const userAgent = new UserAgent({
      uri,
      transportOptions: { server: (this.options.webSocketUrl ?? defaultWebSocketUrl)(credentials.webSocketPath) },
      authorizationUsername: credentials.authorizationUsername,
      authorizationPassword: credentials.password,
      logLevel: 'error',
      // We reconnect ourselves, with fresh credentials and backoff.
      reconnectionAttempts: 0,
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: this.options.iceServers ?? [] },
        iceGatheringTimeout: 1000,
      },
      delegate: {
        onInvite: (invitation) => this.onIncoming(invitation),
        onDisconnect: (error) => {
          if (this.userAgent !== userAgent || this.stopped) return;
          this.set({ connection: 'disconnected', registration: 'unregistered' });
          if (error) this.scheduleReconnect('The connection to the phone server dropped; reconnecting…');
        },
      },
    });
    this.userAgent = userAgent;
    try {
      await userAgent.start();
    } catch {
      if (this.userAgent === userAgent) this.scheduleReconnect('Cannot reach the phone server; retrying…');
      return;
    }
    if (this.userAgent !== userAgent) return;
    this.set({ connection: 'connected', extension: uri.user ?? null, problem: null });
    if (this.options.register === false) {
      this.reconnectAttempts = 0;
      return;
    }
    // Refresh well before expiry: a late refresh makes the ACD think the agent unreachable.
    const registerer = new Registerer(userAgent, { expires: 300, refreshFrequency: 80 });
    this.registerer = registerer;
    registerer.stateChange.addListener((state) => {
      if (this.registerer !== registerer) return;
      if (state === RegistererState.Registered) {
        this.reconnectAttempts = 0;
        this.set({ registration: 'registered', problem: null });
      } else if (state === RegistererState.Unregistered || state === RegistererState.Terminated) {
        this.set({ registration: 'unregistered' });
      }
    });
    this.set({ registration: 'registering' });
    this.register(registerer);
    this.scheduleRenewal(credentials);
  }

  private register(registerer: Registerer): void {
    registerer
      .register({
        requestDelegate: {
          // A registerer that was registered before a reconnect stays `Registered` in SIP.js
          // and reports no state change: the 200 itself says the new REGISTER took.
          onAccept: () => {
            if (this.registerer !== registerer) return;
            this.reconnectAttempts = 0;
            this.set({ registration: 'registered', problem: null });
          },
          onReject: (response) => {
            this.set({ registration: 'unregistered', problem: `The phone server refused the registration (${response.message.statusCode} ${response.message.reasonPhrase}).` });
            // Refused credentials are renewed by reconnecting with fresh ones.
            this.restart('Registration refused; retrying…');
          },
        },
      })
      .catch(() => this.restart('Registration failed; retrying…'));
  }

  private scheduleRenewal(credentials: SoftphoneCredentials): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    const expiresAt = Date.parse(credentials.expiresAt);
    const now = this.now();
    const delay = credentialRenewalDelayMs(Number.isNaN(expiresAt) ? now : expiresAt, now, now);
    this.renewTimer = setTimeout(() => void this.renewCredentials(), delay);
  }

  /** New credentials on the same connection: calls in progress are not touched. */
  private async renewCredentials(): Promise<void> {
    const userAgent = this.userAgent;
    const registerer = this.registerer;
    if (!userAgent || !registerer || this.stopped) return;
    let credentials: SoftphoneCredentials;
    try {
      credentials = await this.options.fetchCredentials();
    } catch {
      // Try again soon; the old credentials are still valid for a while.
      this.renewTimer = setTimeout(() => void this.renewCredentials(), 10_000);
      return;
    }
    if (this.userAgent !== userAgent) return;
    // SIP.js reads the password when it answers the next digest challenge.
    const configuration = userAgent.configuration as { authorizationUsername: string; authorizationPassword: string };
    configuration.authorizationUsername = credentials.authorizationUsername;
    configuration.authorizationPassword = credentials.password;
    forgetAuthorization(registerer);
    this.register(registerer);
    this.scheduleRenewal(credentials);
  }

  /** Drops the user agent (unless calls are up: those finish first) and connects again after a backoff. */
  private restart(problem: string): void {
    if (this.stopped) return;
    const old = this.userAgent;
    this.userAgent = null;
    this.registerer = null;
    if (old && this.calls.size === 0) void old.stop().catch(() => undefined);
    this.scheduleReconnect(problem);
  }

  private scheduleReconnect(problem: string): void {
    if (this.stopped || this.reconnectTimer) return;
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = null;
    this.reconnectAttempts += 1;
    const delay = reconnectDelayMs(this.reconnectAttempts);
    this.set({ connection: 'disconnected', registration: 'unregistered', problem });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      const old = this.userAgent;
      const registerer = this.registerer;
      // Calls in progress live in this user agent's dialogs: bring its connection back
      // instead of starting over, so they survive the drop.
      if (old && registerer && this.calls.size > 0) return void this.recover(old, registerer);
      this.userAgent = null;
      this.registerer = null;
      if (old) void old.stop().catch(() => undefined);
      void this.connect();
    }, delay);
  }

  /**
   * The WebSocket dropped while calls were up. The same user agent reconnects (its dialogs
   * and contact stay), registers again with fresh credentials, and restarts ICE on every
   * live call with a re-INVITE over the new connection: the gateway moves each dialog there,
   * and media finds its way again if the network path changed.
   */
  private async recover(userAgent: UserAgent, registerer: Registerer): Promise<void> {
    const generation = this.generation;
    this.set({ connection: 'connecting' });
    let credentials: SoftphoneCredentials;
    try {
      credentials = await this.options.fetchCredentials();
    } catch (error) {
      if (generation === this.generation) this.scheduleReconnect(`Could not get SIP credentials: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (this.stopped || generation !== this.generation || this.userAgent !== userAgent) return;
    const configuration = userAgent.configuration as { authorizationUsername: string; authorizationPassword: string };
    configuration.authorizationUsername = credentials.authorizationUsername;
    configuration.authorizationPassword = credentials.password;
    try {
      await userAgent.reconnect();
    } catch {
      if (this.userAgent === userAgent) this.scheduleReconnect('Cannot reach the phone server; retrying…');
      return;
    }
    if (this.userAgent !== userAgent || generation !== this.generation) return;
    this.set({ connection: 'connected', registration: 'registering', problem: null });
    forgetAuthorization(registerer);
    this.register(registerer);
    this.scheduleRenewal(credentials);
    for (const call of this.calls.values()) if (isConnected(call.snapshot)) void this.restartIce(call);
  }

  /** Offers new ICE credentials in a re-INVITE (the hold state it carries is unchanged). */
  private restartIce(call: LiveCall): Promise<void> {
    const session = call.session;
    type ReInviteOptions = typeof session.sessionDescriptionHandlerOptionsReInvite & { offerOptions?: RTCOfferOptions };
    const options = session.sessionDescriptionHandlerOptionsReInvite as ReInviteOptions;
    session.sessionDescriptionHandlerOptionsReInvite = { ...options, offerOptions: { ...options.offerOptions, iceRestart: true } } as ReInviteOptions;
    const done = () => {
      // Only this re-INVITE restarts ICE: a later hold must not.
      const current = { ...(session.sessionDescriptionHandlerOptionsReInvite as ReInviteOptions) };
      delete current.offerOptions;
      session.sessionDescriptionHandlerOptionsReInvite = current;
    };
    return new Promise<void>((resolve) => {
      const finish = () => {
        done();
        resolve();
      };
      try {
        session.invite({ requestDelegate: { onAccept: finish, onReject: finish } }).catch(finish);
      } catch {
        // A re-INVITE already in flight (a hold): it carries the new connection's Via anyway.
        finish();
      }
    });
  }

  /** The browser says the network is back (or changed): restart ICE on live calls at once. */
  private readonly onOnline = (): void => {
    if (this.stopped) return;
    if (this.state.connection === 'connected') {
      for (const call of this.calls.values()) if (isConnected(call.snapshot)) void this.restartIce(call);
    } else if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      this.reconnectAttempts = 0;
      this.scheduleReconnect('The network is back; reconnecting…');
    }
  };

  // ── calls ───────────────────────────────────────────────────────────────────────────

  private onIncoming(invitation: Invitation): void {
    const identity = invitation.remoteIdentity;
    this.track(invitation, newCall({ id: `in-${++this.seq}`, direction: 'incoming', remoteNumber: identity.uri.user ?? '', remoteName: identity.displayName || null, at: this.now() }));
    this.publishCalls();
  }

  /** Places a call to `number` (an extension, a queue's number or an outside number). */
  call(number: string): string {
    const userAgent = this.userAgent;
    const ready = this.options.register === false ? this.state.connection === 'connected' : this.state.registration === 'registered';
    if (!userAgent || !ready) throw new Error(this.options.register === false ? 'The softphone is not connected.' : 'The softphone is not registered.');
    if (!/^[\w.+*#-]{1,64}$/.test(number)) throw new Error(`"${number}" is not a number that can be dialed.`);
    const target = UserAgent.makeURI(`sip:${number}@${this.domain}`);
    if (!target) throw new Error(`"${number}" is not a number that can be dialed.`);
    const inviter = new Inviter(userAgent, target, { sessionDescriptionHandlerOptions: { constraints: this.constraints() } });
    const call = this.track(inviter, newCall({ id: `out-${++this.seq}`, direction: 'outgoing', remoteNumber: number, at: this.now() }));
    this.publishCalls();
    inviter.invite().catch(() => this.apply(call, { type: 'ended', at: this.now(), reason: 'failed' }));
    return call.snapshot.id;
  }

  private track(session: Session, snapshot: CallSnapshot): LiveCall {
    const call: LiveCall = { snapshot, session, previousReading: null };
    this.calls.set(snapshot.id, call);
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        this.apply(call, { type: 'established', at: this.now() });
        // Hung up while the answer was on its way: the BYE follows, nothing to play.
        if (!this.calls.has(call.snapshot.id)) return;
        this.playRemoteAudio(session);
        this.startQualityWatch();
        this.watchIce(call);
      } else if (state === SessionState.Terminated) {
        const reason: CallEndReason = call.snapshot.phase === 'incoming' ? 'cancelled' : call.snapshot.phase === 'outgoing' ? 'failed' : 'remote-hung-up';
        this.apply(call, { type: 'ended', at: this.now(), reason });
      }
    });
    return call;
  }

  /** ICE that failed (the network path changed under the call) is restarted while signalling is up. */
  private watchIce(call: LiveCall): void {
    const pc = this.peerConnection(call.session);
    pc?.addEventListener('iceconnectionstatechange', () => {
      if (pc.iceConnectionState === 'failed' && this.state.connection === 'connected' && this.calls.get(call.snapshot.id) === call) void this.restartIce(call);
    });
  }

  /** Applies a call event; an event the call cannot take (a race with the far end) is ignored. */
  private apply(call: LiveCall, event: CallEvent): void {
    let next: CallSnapshot;
    try {
      next = transition(call.snapshot, event);
    } catch {
      return;
    }
    call.snapshot = next;
    if (next.phase === 'ended') {
      this.calls.delete(next.id);
      const quality = { ...this.state.quality };
      delete quality[next.id];
      this.set({ lastEnded: next, quality });
      if (this.calls.size === 0) this.stopQualityWatch();
    }
    this.publishCalls();
  }

  private find(callId: string): LiveCall {
    const call = this.calls.get(callId);
    if (!call) throw new Error(`No call ${callId}.`);
    return call;
  }

  async answer(callId: string): Promise<void> {
    const call = this.find(callId);
    if (!(call.session instanceof Invitation)) throw new Error('Only an incoming call can be answered.');
    this.apply(call, { type: 'answer' });
    try {
      await call.session.accept({ sessionDescriptionHandlerOptions: { constraints: this.constraints() } });
    } catch (error) {
      this.apply(call, { type: 'ended', at: this.now(), reason: 'failed' });
      throw error;
    }
  }

  /** Declines a ringing call (486 Busy Here: the ACD counts it as a rejected offer). */
  reject(callId: string): void {
    const call = this.find(callId);
    if (!(call.session instanceof Invitation) || call.session.state !== SessionState.Initial) return;
    this.apply(call, { type: 'ended', at: this.now(), reason: 'rejected' });
    void call.session.reject({ statusCode: 486 }).catch(() => undefined);
  }

  hangUp(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    const session = call.session;
    this.apply(call, { type: 'ended', at: this.now(), reason: 'hung-up' });
    const bye = () => void session.bye().catch(() => undefined);
    if (session.state === SessionState.Established) bye();
    else if (session instanceof Inviter) void session.cancel().catch(() => undefined);
    else if (session.state === SessionState.Initial) void (session as Invitation).reject({ statusCode: 486 }).catch(() => undefined);
    else if (session.state === SessionState.Establishing) {
      // Answered but not yet confirmed: a BYE is only possible once the 200 is acknowledged.
      session.stateChange.addListener((state) => {
        if (state === SessionState.Established) bye();
      });
    }
  }

  /** Hold (or resume) with a re-INVITE; the local microphone is silenced while held. */
  async setHold(callId: string, hold: boolean): Promise<void> {
    const call = this.find(callId);
    this.apply(call, { type: hold ? 'hold' : 'resume' });
    const session = call.session;
    session.sessionDescriptionHandlerOptionsReInvite = { ...session.sessionDescriptionHandlerOptionsReInvite, hold } as typeof session.sessionDescriptionHandlerOptionsReInvite;
    await new Promise<void>((resolve) => {
      session
        .invite({
          requestDelegate: {
            onAccept: () => {
              this.apply(call, { type: hold ? 'held' : 'resumed' });
              this.enableSenders(session, !hold && !call.snapshot.muted);
              resolve();
            },
            onReject: () => {
              this.apply(call, { type: 'reinvite-failed' });
              resolve();
            },
          },
        })
        .catch(() => {
          this.apply(call, { type: 'reinvite-failed' });
          resolve();
        });
    });
  }

  /** Mutes by disabling the local track: nothing is renegotiated and the far end hears silence. */
  setMuted(callId: string, muted: boolean): void {
    const call = this.find(callId);
    if (!isConnected(call.snapshot)) return;
    call.snapshot = { ...call.snapshot, muted };
    this.enableSenders(call.session, !muted && call.snapshot.phase === 'active');
    this.publishCalls();
  }

  /** Sends keypad tones in the media as RFC 4733 telephone-events. */
  sendDtmf(callId: string, tones: string): boolean {
    const call = this.find(callId);
    if (!DTMF_TONES.test(tones) || !isConnected(call.snapshot)) return false;
    const handler = call.session.sessionDescriptionHandler as { sendDtmf(tones: string, options?: unknown): boolean } | undefined;
    return handler?.sendDtmf(tones, { duration: 120, interToneGap: 70 }) ?? false;
  }

  // ── devices ─────────────────────────────────────────────────────────────────────────

  private constraints(): MediaStreamConstraints {
    const id = this.state.microphoneId;
    return { audio: id ? { deviceId: { exact: id } } : true, video: false };
  }

  /** Chooses the microphone for the next calls and switches the live ones over to it. */
  async setMicrophone(deviceId: string | null): Promise<void> {
    this.set({ microphoneId: deviceId });
    for (const call of this.calls.values()) {
      const pc = this.peerConnection(call.session);
      if (!pc || !isConnected(call.snapshot)) continue;
      const stream = await navigator.mediaDevices.getUserMedia(this.constraints());
      const [track] = stream.getAudioTracks();
      if (!track) continue;
      track.enabled = call.snapshot.phase === 'active' && !call.snapshot.muted;
      for (const sender of pc.getSenders()) if (sender.track?.kind === 'audio') await sender.replaceTrack(track);
    }
  }

  /** The microphone track a live call sends (for the level meter), or null. */
  microphoneTrack(callId: string): MediaStreamTrack | null {
    const call = this.calls.get(callId);
    if (!call || !isConnected(call.snapshot)) return null;
    for (const sender of this.peerConnection(call.session)?.getSenders() ?? []) if (sender.track?.kind === 'audio') return sender.track;
    return null;
  }

  /** Chooses the speaker (where the browser supports setSinkId). */
  async setSpeaker(deviceId: string | null): Promise<void> {
    const element = this.audio as (HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (element?.setSinkId) await element.setSinkId(deviceId ?? '');
    this.set({ speakerId: deviceId });
  }

  // ── media ───────────────────────────────────────────────────────────────────────────

  private peerConnection(session: Session): RTCPeerConnection | null {
    const handler = session.sessionDescriptionHandler as { peerConnection?: RTCPeerConnection } | undefined;
    return handler?.peerConnection ?? null;
  }

  private enableSenders(session: Session, enabled: boolean): void {
    for (const sender of this.peerConnection(session)?.getSenders() ?? []) if (sender.track) sender.track.enabled = enabled;
  }

  private playRemoteAudio(session: Session): void {
    const pc = this.peerConnection(session);
    if (!pc || !this.audio) return;
    const stream = new MediaStream();
    for (const receiver of pc.getReceivers()) if (receiver.track) stream.addTrack(receiver.track);
    this.audio.srcObject = stream;
    void this.audio.play().catch(() => this.set({ problem: 'The browser blocked call audio: click anywhere on the page to allow sound.' }));
  }

  private startQualityWatch(): void {
    if (this.qualityTimer) return;
    this.qualityTimer = setInterval(() => void this.readQuality(), this.options.qualityIntervalMs ?? 2_000);
  }

  private stopQualityWatch(): void {
    if (this.qualityTimer) clearInterval(this.qualityTimer);
    this.qualityTimer = null;
  }

  private async readQuality(): Promise<void> {
    const quality = { ...this.state.quality };
    for (const call of this.calls.values()) {
      const pc = this.peerConnection(call.session);
      if (!pc || !isConnected(call.snapshot)) continue;
      const reading = readRtp(await pc.getStats());
      if (!reading) continue;
      quality[call.snapshot.id] = measureQuality(reading, call.previousReading);
      call.previousReading = reading;
    }
    this.set({ quality });
  }
}

/**
 * SIP.js keeps the Authorization header of the last challenge on its REGISTER and sends it
 * again with every refresh; the gateway accepts it until the old credential expires. Dropping
 * it makes the next REGISTER draw a fresh challenge, answered with the renewed credentials,
 * so the registration never rides on a credential about to die. (Reaches into SIP.js's
 * private request: 0.21.2 is pinned, and the e2e renewal test would catch a change.)
 */
function forgetAuthorization(registerer: Registerer): void {
  const request = (registerer as unknown as { request?: { headers?: Record<string, unknown> } }).request;
  if (!request?.headers) return;
  delete request.headers.Authorization;
  delete request.headers['Proxy-Authorization'];
}

/** Picks the audio inbound-rtp figures and the round trip out of a getStats() report. */
function readRtp(report: RTCStatsReport): RtpReading | null {
  let reading: RtpReading | null = null;
  let roundTrip: number | null = null;
  report.forEach((stat: { type: string; kind?: string; [key: string]: unknown }) => {
    if (stat.type === 'inbound-rtp' && stat.kind === 'audio') {
      reading = {
        packetsReceived: Number(stat.packetsReceived ?? 0),
        packetsLost: Number(stat.packetsLost ?? 0),
        jitterSeconds: typeof stat.jitter === 'number' ? stat.jitter : null,
        roundTripSeconds: null,
      };
    } else if (stat.type === 'candidate-pair' && stat.nominated && typeof stat.currentRoundTripTime === 'number') {
      roundTrip = stat.currentRoundTripTime;
    } else if (stat.type === 'remote-inbound-rtp' && roundTrip === null && typeof stat.roundTripTime === 'number') {
      roundTrip = stat.roundTripTime;
    }
  });
  return reading ? { ...(reading as RtpReading), roundTripSeconds: roundTrip } : null;
}
