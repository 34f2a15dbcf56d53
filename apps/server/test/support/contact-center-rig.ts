import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AgentCallView,
  type AgentOffer,
  type AgentStateView,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SessionReady,
  type SetAgentState,
  type SipCredentials,
  type WidgetCallToken,
} from '@ccx/contracts';
import { type Browser, chromium, type Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import { TelephonyService } from '../../src/telephony/telephony.service.js';
import { apiClient, bootServer, type TestServer } from '../harness.js';
import { createSoftphonePageServer, placeCallInPage, registerSoftphoneInPage } from './softphone-page.js';

/**
 * What the contact-center journeys share: the real server on the embedded database with its
 * gateway, Chromium for the agents' softphones, and agents brought online the way the
 * agent app does it (log in, live channel with heartbeats, softphone registered, a state).
 */
export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Seen<T> {
  at: number;
  value: T;
}

export interface OnlineAgent {
  agentId: string;
  token: string;
  page: Page;
  socket: LiveClient;
  states: Seen<AgentStateView>[];
  offers: Seen<AgentOffer>[];
  /** `agent:call`: the call the agent's desk shows, each time it changed. */
  calls: Seen<AgentCallView>[];
}

export interface Rig {
  server: TestServer;
  api: ReturnType<typeof apiClient>;
  /** The server's SIP over UDP port (trunks). */
  sipPort: number;
  connect(token: string): LiveClient;
  bringOnline(username: string, toneHz: number, state?: SetAgentState): Promise<OnlineAgent>;
  /** A fresh Chromium page (its own context) on the page server, with SIP.js at /__sipjs/. */
  newPage(): Promise<Page>;
  /**
   * A web visitor (the widget's credential) calls `entryPoint` from a Chromium page whose
   * microphone is a `toneHz` tone: the page once the IVR answered (`levelsInPage` measures
   * what the caller hears, `hangupCallerInPage` hangs up).
   */
  placeWebCall(entryPoint: string, toneHz: number): Promise<Page>;
  close(): Promise<void>;
}

/** Polls `probe` (sync or async) until it gives something truthy. */
export async function until<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function startRig(env: Record<string, string> = {}): Promise<Rig> {
  const server = await bootServer('embedded', {
    env: {
      // The demo flow's hours are Shanghai office hours: the tests must not depend on the time of day.
      IVR_HOURS_OVERRIDE: 'open',
      // Rendered prompts are kept between runs: only the first run on a machine renders them all.
      SPEECH_CACHE_DIR: join(tmpdir(), 'ccx-test-speech-cache'),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...env,
    },
  });
  const api = apiClient(server.url);
  const pages = createSoftphonePageServer();
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  const pageBase = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
    });
  } catch (error) {
    await new Promise((resolve) => pages.close(resolve));
    await server.destroy();
    throw error;
  }
  const sockets: LiveClient[] = [];
  const timers: NodeJS.Timeout[] = [];

  const connect = (token: string): LiveClient => {
    const socket: LiveClient = io(server.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket;
  };

  const bringOnline = async (username: string, toneHz: number, state: SetAgentState = { state: 'available' }): Promise<OnlineAgent> => {
    const pair = await api.login(username, 'agent123!');
    const socket = connect(pair.accessToken);
    const agent: OnlineAgent = { agentId: pair.user.agentId!, token: pair.accessToken, page: null as unknown as Page, socket, states: [], offers: [], calls: [] };
    socket.on('agent:state', (view) => agent.states.push({ at: Date.now(), value: view }));
    socket.on('agent:call', (view) => agent.calls.push({ at: Date.now(), value: view }));
    // An offer that rang before its CRM part was read is kept here until that part follows,
    // then listed whole (with the time it rang), as the agent desk shows it.
    const incomplete = new Map<string, Seen<AgentOffer>>();
    socket.on('agent:offer', (offer) => {
      const seen = { at: Date.now(), value: offer };
      if (offer.customerPending) incomplete.set(offer.offerId, seen);
      else agent.offers.push(seen);
    });
    socket.on('agent:offerCustomer', ({ offerId, customer, recentInteractions }) => {
      const seen = incomplete.get(offerId);
      if (!seen) return;
      incomplete.delete(offerId);
      agent.offers.push({ at: seen.at, value: { ...seen.value, customer, recentInteractions, customerPending: false } });
    });
    await new Promise<SessionReady>((resolve) => socket.once('session:ready', resolve));
    const beat = () => socket.emit('presence:heartbeat', { tabId: `${username}-tab`, sentAt: Date.now(), visible: true }, () => undefined);
    beat();
    timers.push(setInterval(beat, 2000));

    const credentials = (await api.call<SipCredentials>('POST', '/api/sip/credentials', { token: pair.accessToken })).body;
    agent.page = await (await browser.newContext()).newPage();
    await agent.page.goto(pageBase);
    const registered = await agent.page.evaluate(registerSoftphoneInPage, {
      server: `${server.url.replace('http', 'ws')}${credentials.webSocketPath}`,
      sipUri: credentials.sipUri,
      authorizationUsername: credentials.authorizationUsername,
      password: credentials.password,
      toneHz,
    });
    expect(registered).toBe('Registered');

    const answer = await socket.emitWithAck('agent:setState', state);
    expect(answer).toMatchObject({ ok: true, data: { agentId: agent.agentId, state: state.state } });
    await until(`${username} ${state.state} and reachable`, () => agent.states.find((s) => s.value.state === state.state && s.value.reachable));
    return agent;
  };

  return {
    server,
    api,
    sipPort: server.app.get(TelephonyService).sipUdpAddress!.port,
    connect,
    bringOnline,
    newPage: async () => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(pageBase);
      return page;
    },
    placeWebCall: async (entryPoint, toneHz) => {
      const token = await api.call<WidgetCallToken>('POST', '/api/widget/call-token', { body: { entryPoint } });
      expect(token.status).toBe(201);
      const page = await (await browser.newContext()).newPage();
      await page.goto(pageBase);
      const credential = token.body;
      const answered = await page.evaluate(placeCallInPage, {
        server: `${server.url.replace('http', 'ws')}${credential.webSocketPath}`,
        sipUri: credential.sipUri,
        authorizationUsername: credential.authorizationUsername,
        password: credential.password,
        to: credential.dial,
        toneHz,
      });
      expect(answered).toBe('Established');
      return page;
    },
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.disconnect();
      await browser.close();
      await new Promise((resolve) => pages.close(resolve));
      await server.destroy();
    },
  };
}
