import { type AgentMessage, type Queue, type QueueList, type User, type UserList, type WallboardSnapshot } from '@ccx/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcdService } from '../src/acd/acd.service.js';
import { type OnlineAgent, type Rig, startRig, until } from './support/contact-center-rig.js';
import { killAllSipp, runSipp } from './support/sipp.js';

/**
 * A supervisor's control of agents on the real server, with agents online the way the desk
 * does it (live channel, registered Chromium softphone) and a real caller (sipp): a skill
 * taken away changes the very next routing decision; forced states reach the agent's tabs;
 * messages reach the agent addressed and no other; every action is in the audit log.
 */
describe('a supervisor controls agents (real server, Chromium softphones, sipp caller)', () => {
  let rig: Rig;
  let supervisor: { token: string; id: string };
  let bea: OnlineAgent;

  beforeAll(async () => {
    rig = await startRig();
    const pair = await rig.api.login('supervisor', 'super123!');
    supervisor = { token: pair.accessToken, id: pair.user.id };
  });
  afterAll(async () => {
    killAllSipp();
    await rig?.close();
  });

  const audit = (action: string) => rig.server.database.prisma.auditEntry.findMany({ where: { action }, orderBy: { at: 'asc' } });

  it('takes Support away from the agent who has waited longest: the next Support call rings the other one', async () => {
    bea = await rig.bringOnline('agent2', 600); // support 8, free the longest
    await new Promise((resolve) => setTimeout(resolve, 300));
    const dana = await rig.bringOnline('agent4', 700); // support 5, english 8 (the line asks for English too)

    const changed = await rig.api.call('PUT', `/api/agents/${bea.agentId}/skills`, { token: supervisor.token, body: { skills: [{ skill: 'english', level: 7 }] } });
    expect(changed).toMatchObject({ status: 200, body: { agentId: bea.agentId, skills: [{ skill: 'english', level: 7 }] } });

    const caller = await runSipp('caller-until-bye.xml', rig.sipPort, { service: '1001', timeoutSeconds: 30 });
    const offer = await caller.during(until('the offer to Dana', () => dana.offers[0], 25_000));
    expect(offer.value.queueName).toBe('Support');
    expect(bea.offers).toEqual([]);
    killAllSipp();

    const [entry] = await audit('agents/skills');
    expect(entry).toMatchObject({ actorId: supervisor.id, targetType: 'agent', targetId: bea.agentId });
    expect(entry?.data).toMatchObject({ before: [{ skill: 'english', level: 7 }, { skill: 'support', level: 8 }], after: [{ skill: 'english', level: 7 }] });

    // An unknown skill is refused at its field, and nothing changes.
    const refused = await rig.api.call('PUT', `/api/agents/${bea.agentId}/skills`, { token: supervisor.token, body: { skills: [{ skill: 'juggling', level: 3 }] } });
    expect(refused).toMatchObject({ status: 400, body: { issues: [{ path: 'skills.0.skill' }] } });
  }, 60_000);

  it('forces an agent Not ready with a reason, then Available, then logs them out: each reaches the desk and the audit log', async () => {
    const chen = await rig.bringOnline('agent3', 800);
    const path = `/api/agents/${chen.agentId}/state`;
    const seen = () => chen.states.map((s) => s.value.state);

    const notReady = await rig.api.call('POST', path, { token: supervisor.token, body: { state: 'not-ready', reasonId: 'meeting' } });
    expect(notReady).toMatchObject({ status: 200, body: { state: 'not-ready', reasonId: 'meeting' } });
    await until('the desk hears not ready', () => chen.states.some((s) => s.value.state === 'not-ready' && s.value.reasonId === 'meeting'));
    // A reason nobody defined is refused.
    expect((await rig.api.call('POST', path, { token: supervisor.token, body: { state: 'not-ready', reasonId: 'nap' } })).status).toBe(400);

    expect(await rig.api.call('POST', path, { token: supervisor.token, body: { state: 'available' } })).toMatchObject({ status: 200, body: { state: 'available' } });
    expect(await rig.api.call('POST', path, { token: supervisor.token, body: { state: 'offline' } })).toMatchObject({ status: 200, body: { state: 'offline' } });
    await until('the desk hears logged out', () => seen().at(-1) === 'offline');

    // Logged out, only the agent may log in again.
    expect(await rig.api.call('POST', path, { token: supervisor.token, body: { state: 'available' } })).toMatchObject({ status: 409 });
    // Agents may not force anyone.
    expect(await rig.api.call('POST', path, { token: chen.token, body: { state: 'offline' } })).toMatchObject({ status: 403 });

    const entries = (await audit('agents/force-state')).filter((e) => e.targetId === chen.agentId);
    expect(entries.map((e) => [e.actorId, (e.data as { from: string; to: string }).from, (e.data as { to: string }).to])).toEqual([
      [supervisor.id, 'available', 'not-ready'],
      [supervisor.id, 'not-ready', 'available'],
      [supervisor.id, 'available', 'offline'],
    ]);
  }, 30_000);

  it('sends a message to one agent only, then to all; both are audited', async () => {
    const alex = await rig.bringOnline('agent1', 900);
    const inbox = (agent: OnlineAgent) => {
      const got: AgentMessage[] = [];
      agent.socket.on('agent:message', (m) => got.push(m));
      return got;
    };
    const [alexGot, beaGot] = [inbox(alex), inbox(bea)];

    const one = await rig.api.call<AgentMessage>('POST', '/api/agents/messages', { token: supervisor.token, body: { agentId: alex.agentId, text: '  Please take your break now  ' } });
    expect(one).toMatchObject({ status: 201, body: { text: 'Please take your break now', broadcast: false, from: 'Sam Supervisor' } });
    const all = await rig.api.call<AgentMessage>('POST', '/api/agents/messages', { token: supervisor.token, body: { agentId: null, text: 'Team meeting at 3' } });
    expect(all.status).toBe(201);
    await until('both hear the broadcast', () => alexGot.some((m) => m.broadcast) && beaGot.some((m) => m.broadcast));
    expect(alexGot.map((m) => m.text)).toEqual(['Please take your break now', 'Team meeting at 3']);
    expect(beaGot.map((m) => m.text)).toEqual(['Team meeting at 3']);

    expect((await rig.api.call('POST', '/api/agents/messages', { token: supervisor.token, body: { agentId: null, text: '   ' } })).status).toBe(400);
    const entries = await audit('agents/message');
    expect(entries.map((e) => [e.targetType, e.targetId, (e.data as { text: string }).text])).toEqual([
      ['agent', alex.agentId, 'Please take your break now'],
      ['agents', null, 'Team meeting at 3'],
    ]);
  }, 30_000);

  it('lets the administrator set a queue’s wallboard thresholds, which the next wallboard carries, audited like any queue change', async () => {
    const admin = await rig.api.login('admin', 'admin123!');
    const { queues } = (await rig.api.call<QueueList>('GET', '/api/queues', { token: admin.accessToken })).body;
    const support = queues.find((q) => q.name === 'Support')!;
    expect(support.wallboardThresholds).toEqual({ serviceLevelWarnBelowPercent: 80, serviceLevelAlertBelowPercent: 60, longestWaitWarnSeconds: 30, longestWaitAlertSeconds: 60 });
    const thresholds = { serviceLevelWarnBelowPercent: 90, serviceLevelAlertBelowPercent: null, longestWaitWarnSeconds: 10, longestWaitAlertSeconds: 20 };
    const changed = await rig.api.call<Queue>('PATCH', `/api/queues/${support.id}`, { token: admin.accessToken, body: { wallboardThresholds: thresholds } });
    expect(changed).toMatchObject({ status: 200, body: { wallboardThresholds: thresholds } });
    // A supervisor may read them but not write them.
    expect((await rig.api.call('PATCH', `/api/queues/${support.id}`, { token: supervisor.token, body: { wallboardThresholds: thresholds } })).status).toBe(403);

    const socket = rig.connect(supervisor.token);
    const snapshot = await new Promise<WallboardSnapshot>((resolve) => socket.once('wallboard:snapshot', resolve));
    expect(snapshot.queues.find((q) => q.name === 'Support')?.thresholds).toEqual(thresholds);
    expect((await audit('queues/update')).at(-1)?.data).toMatchObject({ changes: { wallboardThresholds: thresholds } });
  }, 30_000);

  it('takes the administrator’s change of an agent’s skills (users REST) into routing at once too', async () => {
    const admin = await rig.api.login('admin', 'admin123!');
    const { users } = (await rig.api.call<UserList>('GET', '/api/users', { token: admin.accessToken })).body;
    const alex = users.find((u) => u.username === 'agent1')!;
    const acd = rig.server.app.get(AcdService);
    const servedBy = (agentId: string) => acd.agentRows().find((r) => r.agentId === agentId)?.queueIds.map((id) => acd.queueInfos().find((q) => q.queueId === id)?.name);
    expect(servedBy(alex.agentId!)).toEqual(['Sales']);
    const changed = await rig.api.call<User>('PATCH', `/api/users/${alex.id}`, { token: admin.accessToken, body: { skills: [...alex.skills, { skill: 'support', level: 3 }] } });
    expect(changed.status).toBe(200);
    expect(servedBy(alex.agentId!)?.sort()).toEqual(['Sales', 'Support']);
  }, 30_000);
});
