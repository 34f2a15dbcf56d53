import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CallList, type CallTimeline, type ClientToServerEvents, type ServerToClientEvents } from '@ccx/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { ContactCenterService } from '../src/contact-center/contact-center.service.js';
import { TelephonyService } from '../src/telephony/telephony.service.js';
import { until } from './support/contact-center-rig.js';
import { dtmfPcap } from './support/dtmf-pcap.js';
import { killAllSipp, runSipp } from './support/sipp.js';
import { apiClient, bootServer, type TestServer } from './harness.js';

/**
 * A server stopped with a call up (a restart): the calls in progress get their drain time,
 * new calls are refused meanwhile, and what is still up then is ended and recorded as ended
 * by the shutdown, so the next server finds every record complete. (A crash is the call
 * log's test: the next start closes what it left open.)
 */
const keyFiles = (digits: string) => Object.fromEntries([...digits].map((digit, i) => [`key-${i + 1}.pcap`, dtmfPcap({ digit, index: i + 1 })]));

describe('a server stopped while a caller waits in the queue', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    killAllSipp();
    for (const server of servers.reverse()) await server.destroy().catch(() => undefined);
  });

  it('lets the call drain, refuses new calls meanwhile, then records the end; the next server finds it ended and the agent logged out', async () => {
    const env = {
      IVR_HOURS_OVERRIDE: 'open',
      SPEECH_CACHE_DIR: join(tmpdir(), 'ccx-test-speech-cache'),
      CALL_DRAIN_SECONDS: '2',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    };
    const first = await bootServer('embedded', { env });
    servers.push(first);
    const api = apiClient(first.url);
    const token = (await api.login('supervisor', 'super123!')).accessToken;
    const sipPort = first.app.get(TelephonyService).sipUdpAddress!.port;

    // Nobody is logged in: the caller keys through to Support and waits there.
    const caller = await runSipp('caller-keys-to-support.xml', sipPort, { service: '1000', files: keyFiles('22222') });
    const waiting = await caller.during(
      until('the caller waiting in Support', async () => (await api.call<CallList>('GET', '/api/calls', { token })).body.calls.find((c) => c.waitOutcome === 'waiting'), 20_000),
    );

    expect(first.app.get(ContactCenterService).activeCalls).toBe(1);

    // An agent is logged in, not ready: the shutdown logs them out.
    const agent = await api.login('agent3', 'agent123!');
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(first.url, { auth: { token: agent.accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
    expect(await socket.emitWithAck('agent:setState', { state: 'not-ready', reasonId: 'break' })).toMatchObject({ ok: true });

    const stopping = first.close();
    const stoppedAt = Date.now();
    // During the drain a new call is turned away: sipp's INVITE gets 503 (the scenario fails on it).
    const refused = await runSipp('caller-keys-to-support.xml', sipPort, { service: '1000', files: keyFiles('22222') });
    const refusedResult = await refused.done;
    expect(refusedResult.output).toMatch(/SIP\/2\.0 503/);
    await stopping;
    socket.close();
    const drained = Date.now() - stoppedAt;
    expect(drained, 'the drain waited for the call').toBeGreaterThanOrEqual(1900);
    killAllSipp();

    const second = await bootServer('embedded', { env, dataDir: first.dataDir });
    servers.push(second);
    const again = apiClient(second.url);
    const token2 = (await again.login('supervisor', 'super123!')).accessToken;
    const record = (await again.call<CallList>('GET', '/api/calls', { token: token2 })).body.calls.find((c) => c.id === waiting.id)!;
    expect(record).toMatchObject({ status: 'ended', endedBy: 'system', endCause: 'gateway-lost', waitOutcome: 'ended' });
    const endedAt = Date.parse(record.endedAt!);
    expect(endedAt - stoppedAt).toBeGreaterThanOrEqual(1900);
    expect(endedAt - stoppedAt).toBeLessThan(4000);
    const events = (await again.call<CallTimeline>('GET', `/api/calls/${waiting.id}/events`, { token: token2 })).body.events.map((e) => e.type);
    expect(events.at(-1)).toBe('call.ended');
    expect(events).toContain('queue.entered');
    const moves = await second.database.prisma.agentStateEvent.findMany({ where: { agentId: agent.user.agentId! }, orderBy: { id: 'asc' } });
    expect(moves.map((m) => `${m.fromState}→${m.toState} (${m.cause})`)).toEqual(['offline→not-ready (login)', 'not-ready→offline (logout)']);
    expect(moves[1]!.at.getTime() - stoppedAt).toBeGreaterThanOrEqual(1900);
  }, 90_000);
});
