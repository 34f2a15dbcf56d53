import { randomUUID } from 'node:crypto';
import {
  CallErrorCode,
  type CallEventData,
  type CallEventType,
  type CallList,
  type CallTimeline,
  ErrorCode,
} from '@ccx/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AppendResult, CallRecorder, type NewCallEvent } from '../src/calls/call-recorder.service.js';
import { CallLogService } from '../src/calls/call-log.service.js';
import { CallsRepository } from '../src/calls/calls.repository.js';
import { CALL_CSV_HEADERS } from '../src/calls/domain/csv.js';
import { apiClient, availableBackends, bootServer, type TestServer } from './harness.js';

/**
 * The call log end to end on real databases: calls recorded through the recorder service
 * (what the telephony, IVR and ACD modules call), read back through the REST routes.
 */
const backends = await availableBackends();

const DAY1 = '2025-03-03';
const DAY2 = '2025-03-04';
const DAY3 = '2025-03-05';
/** A time on a test day, `seconds` after hh:mm. */
const t = (day: string, hhmm: string, seconds = 0) => Date.parse(`${day}T${hhmm}:00.000Z`) + seconds * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

function ev<T extends CallEventType>(type: T, data: CallEventData<T>, at: number): NewCallEvent {
  return { type, data, at } as NewCallEvent;
}

function started(at: number, overrides: Partial<CallEventData<'call.started'>> = {}): NewCallEvent {
  return ev(
    'call.started',
    { direction: 'inbound', channel: 'trunk', ani: '+15555550100', dnis: '1000', entryPoint: null, agentId: null, callbackOfCallId: null, ...overrides },
    at,
  );
}

describe.each(backends)('call log on %s', (backend) => {
  let server: TestServer;
  let restarted: TestServer | undefined;
  let api: ReturnType<typeof apiClient>;
  let recorder: CallRecorder;
  let supervisorToken: string;
  let adminToken: string;
  let agentToken: string;
  let agent1: string;
  let agent2: string;
  let sales: string;
  let support: string;
  const ids = { a: randomUUID(), b: randomUUID(), c: randomUUID(), d: randomUUID() };
  let recordedA: AppendResult;

  const list = async (query: string, token = supervisorToken) => api.call<CallList>('GET', `/api/calls${query}`, { token });
  const day1 = `from=${DAY1}T00:00:00Z&to=${DAY2}T00:00:00Z`;
  const idsOf = (answer: { body: CallList }) => answer.body.calls.map((c) => c.id);

  beforeAll(async () => {
    server = await bootServer(backend);
    api = apiClient(server.url);
    recorder = server.app.get(CallRecorder);
    supervisorToken = (await api.login('supervisor', 'super123!')).accessToken;
    adminToken = (await api.login('admin', 'admin123!')).accessToken;
    const agentLogin = await api.login('agent1', 'agent123!');
    agentToken = agentLogin.accessToken;
    agent1 = agentLogin.user.agentId!;
    agent2 = (await api.login('agent2', 'agent123!')).user.agentId!;
    const queues = await server.database.prisma.queue.findMany();
    sales = queues.find((q) => q.name === 'Sales')!.id;
    support = queues.find((q) => q.name === 'Support')!.id;
  });
  afterAll(async () => {
    await restarted?.close();
    await server?.destroy();
  });

  it('records a full call step by step and lists it with its wait, talk, hold and wrap-up', async () => {
    const at = (s: number) => t(DAY1, '09:00', s);
    const a = ids.a;
    await recorder.append(a, [started(at(0), { ani: '+15555550100', dnis: '1000', entryPoint: 'trunk-main' })]);
    await recorder.append(a, [
      ev('ivr.node-entered', { flowId: 'main', nodeId: 'language', nodeType: 'menu' }, at(1)),
      ev('digit.pressed', { nodeId: 'language', digit: '2', masked: false }, at(3)),
      ev('ivr.input-collected', { nodeId: 'language', name: 'language', value: '2', masked: false, status: 'ok' }, at(3)),
      ev('ivr.node-entered', { flowId: 'main', nodeId: 'main-menu', nodeType: 'menu' }, at(4)),
      ev('digit.pressed', { nodeId: 'main-menu', digit: '1', masked: false }, at(6)),
      ev('ivr.input-collected', { nodeId: 'main-menu', name: 'choice', value: '1', masked: false, status: 'ok' }, at(6)),
      ev('ivr.node-entered', { flowId: 'main', nodeId: 'pin', nodeType: 'collect' }, at(7)),
    ]);
    // Each key of the PIN is recorded, masked; several appends at once keep their order.
    await Promise.all(
      [8, 8.5, 9, 9.5].map((s) => recorder.append(a, [ev('digit.pressed', { nodeId: 'pin', digit: null, masked: true }, at(s))])),
    );
    await recorder.append(a, [
      ev('digit.pressed', { nodeId: 'pin', digit: '#', masked: false }, at(9.8)),
      ev('ivr.input-collected', { nodeId: 'pin', name: 'pin', value: null, masked: true, status: 'ok' }, at(9.8)),
      ev('queue.entered', { queueId: sales, priority: 0, skills: [{ skill: 'sales', minLevel: 1 }], position: 1 }, at(10)),
      ev('queue.announcement', { queueId: sales, position: 1, ewtSeconds: 30 }, at(15)),
      ev('offer.made', { offerId: 'o1', agentId: agent2, queueId: sales, ringUntil: iso(at(35)) }, at(20)),
    ]);
    await recorder.append(a, [ev('offer.ended', { offerId: 'o1', agentId: agent2, result: 'timed-out' }, at(35))]);
    await recorder.append(a, [ev('offer.made', { offerId: 'o2', agentId: agent1, queueId: sales, ringUntil: iso(at(51)) }, at(36))]);
    await recorder.append(a, [ev('call.answered', { agentId: agent1, offerId: 'o2' }, at(40))]);
    await recorder.append(a, [ev('call.held', { agentId: agent1 }, at(60))]);
    await recorder.append(a, [ev('call.resumed', { agentId: agent1 }, at(75))]);
    await recorder.append(a, [
      ev('agent.hung-up', { agentId: agent1 }, at(100)),
      ev('wrap-up.started', { agentId: agent1 }, at(100)),
    ]);
    await recorder.append(a, [ev('survey.scored', { survey: 'csat', question: 'overall', score: 4, maxScore: 5 }, at(105))]);
    await recorder.append(a, [ev('call.ended', { by: 'customer', agentId: null, cause: 'survey-complete', detail: null }, at(106))]);
    await recorder.append(a, [ev('wrap-up.ended', { agentId: agent1 }, at(130))]);
    recordedA = await recorder.append(a, [
      ev('disposition.set', { agentId: agent1, code: 'resolved', notes: 'Customer said "thanks", all good\nsecond line' }, at(130)),
    ]);

    expect(recordedA.events).toEqual([expect.objectContaining({ seq: 28, type: 'disposition.set', at: iso(at(130)) })]);
    const answer = await list(`?${day1}`);
    expect(answer.status).toBe(200);
    const record = answer.body.calls.find((c) => c.id === a)!;
    // What the recorder derived is what the database gives back.
    expect(record).toEqual(recordedA.record);
    expect(record).toMatchObject({
      direction: 'inbound',
      channel: 'trunk',
      callerNumber: '+15555550100',
      dialedNumber: '1000',
      entryPoint: 'trunk-main',
      status: 'ended',
      startedAt: iso(at(0)),
      queueId: sales,
      enqueuedAt: iso(at(10)),
      waitOutcome: 'answered',
      answeredAt: iso(at(40)),
      endedAt: iso(at(106)),
      endedBy: 'agent',
      endCause: 'survey-complete',
      waitSeconds: 30,
      talkSeconds: 45,
      holdSeconds: 15,
      holdCount: 1,
      wrapUpSeconds: 30,
      handleSeconds: 90,
      disposition: 'resolved',
      surveyScore: 4,
    });
    expect(record.ivrPath.map((s) => s.nodeId)).toEqual(['language', 'main-menu', 'pin']);
    expect(record.ivrInputs.map((i) => [i.name, i.value, i.masked])).toEqual([
      ['language', '2', false],
      ['choice', '1', false],
      ['pin', null, true],
    ]);
    expect(record.offers.map((o) => [o.agentId, o.result, o.ringingSeconds])).toEqual([
      [agent2, 'timed-out', 15],
      [agent1, 'answered', 4],
    ]);
    expect(record.agents).toEqual([{ agentId: agent1, joinedAt: iso(at(40)), leftAt: iso(at(100)), joinedBy: 'answer', leftBy: 'hung-up' }]);
    // The row's columns carry the figures for SQL (reports, filters), not only the JSON.
    const row = await server.database.prisma.call.findUniqueOrThrow({ where: { id: a }, include: { agents: true } });
    expect(row).toMatchObject({ waitSeconds: 30, talkSeconds: 45, holdSeconds: 15, wrapUpSeconds: 30, handleSeconds: 90, queueIds: [sales] });
    expect(row.agents.map((x) => x.agentId)).toEqual([agent1]);
  });

  it('lists the timeline in order, every digit included', async () => {
    const answer = await api.call<CallTimeline>('GET', `/api/calls/${ids.a}/events`, { token: supervisorToken });
    expect(answer.status).toBe(200);
    const { events } = answer.body;
    expect(answer.body.callId).toBe(ids.a);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]).toMatchObject({ seq: 1, type: 'call.started', at: `${DAY1}T09:00:00.000Z` });
    expect(events.at(-1)?.type).toBe('disposition.set');
    const digits = events.flatMap((e) => (e.type === 'digit.pressed' ? [e.data.masked ? '*masked*' : e.data.digit] : []));
    expect(digits).toEqual(['2', '1', '*masked*', '*masked*', '*masked*', '*masked*', '#']);
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(JSON.stringify(events)).not.toMatch(/"value":"\d{4}"/);
  });

  it('answers 404 for an unknown call and 400 for an id that is not a UUID', async () => {
    const unknown = await api.call('GET', `/api/calls/${randomUUID()}/events`, { token: supervisorToken });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(ErrorCode.NotFound);
    const bad = await api.call('GET', '/api/calls/not-a-uuid/events', { token: supervisorToken });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: 'id' })]);
  });

  it('filters by queue, agent, caller number, time range, direction, channel and disposition', async () => {
    // B: a web call to Support, answered by agent2.
    const b = (s: number) => t(DAY1, '09:10', s);
    await recorder.append(ids.b, [
      started(b(0), { channel: 'web', ani: '+14155550102', dnis: 'widget' }),
      ev('queue.entered', { queueId: support, priority: 0, skills: [], position: 1 }, b(2)),
      ev('offer.made', { offerId: 'o1', agentId: agent2, queueId: support, ringUntil: iso(b(17)) }, b(3)),
      ev('call.answered', { agentId: agent2, offerId: 'o1' }, b(5)),
      ev('call.ended', { by: 'customer', agentId: null, cause: 'hangup', detail: null }, b(65)),
      ev('wrap-up.started', { agentId: agent2 }, b(65)),
      ev('wrap-up.ended', { agentId: agent2 }, b(75)),
      ev('disposition.set', { agentId: agent2, code: 'follow-up', notes: '' }, b(75)),
    ]);
    // C: agent1 dials out.
    const c = (s: number) => t(DAY1, '09:20', s);
    await recorder.append(ids.c, [
      started(c(0), { direction: 'outbound', ani: '2001', dnis: '+4930123456', agentId: agent1 }),
      ev('call.answered', { agentId: agent1, offerId: null }, c(8)),
      ev('call.ended', { by: 'agent', agentId: agent1, cause: 'hangup', detail: null }, c(68)),
    ]);
    // D: a web visitor gives up waiting in Sales.
    const d = (s: number) => t(DAY1, '09:30', s);
    await recorder.append(ids.d, [
      started(d(0), { channel: 'web', ani: 'visitor_7', dnis: 'widget' }),
      ev('queue.entered', { queueId: sales, priority: 0, skills: [], position: 1 }, d(1)),
      ev('queue.abandoned', { queueId: sales, position: 1 }, d(4)),
    ]);

    const { a, b: idB, c: idC, d: idD } = ids;
    expect(idsOf(await list(`?${day1}`))).toEqual([idD, idC, idB, a]);
    expect(idsOf(await list(`?${day1}&queueId=${sales}`))).toEqual([idD, a]);
    expect(idsOf(await list(`?${day1}&queueId=${support}`))).toEqual([idB]);
    // Took part: answered or dialled; agent2 only rang on call A.
    expect(idsOf(await list(`?${day1}&agentId=${agent1}`))).toEqual([idC, a]);
    expect(idsOf(await list(`?${day1}&agentId=${agent2}`))).toEqual([idB]);
    expect(idsOf(await list(`?${day1}&callerNumber=5550102`))).toEqual([idB]);
    expect(idsOf(await list(`?${day1}&callerNumber=${encodeURIComponent('+1555')}`))).toEqual([a]);
    // `_` and `%` are text, not LIKE wildcards.
    expect(idsOf(await list(`?${day1}&callerNumber=_`))).toEqual([idD]);
    expect(idsOf(await list(`?${day1}&callerNumber=%25`))).toEqual([]);
    expect(idsOf(await list(`?from=${DAY1}T09:05:00Z&to=${DAY1}T09:25:00Z`))).toEqual([idC, idB]);
    expect(idsOf(await list(`?from=${DAY1}T09:10:00Z&to=${DAY1}T09:20:00Z`))).toEqual([idB]);
    expect(idsOf(await list(`?${day1}&direction=outbound`))).toEqual([idC]);
    expect(idsOf(await list(`?${day1}&direction=inbound&channel=web`))).toEqual([idD, idB]);
    expect(idsOf(await list(`?${day1}&channel=web&queueId=${sales}`))).toEqual([idD]);
    expect(idsOf(await list(`?${day1}&disposition=resolved`))).toEqual([a]);
    // Minimum wait: A waited 30 s, B and D 3 s; C never queued, so no wait to compare.
    expect(idsOf(await list(`?${day1}&minWaitSeconds=10`))).toEqual([a]);
    expect(idsOf(await list(`?${day1}&minWaitSeconds=3`))).toEqual([idD, idB, a]);
    expect(idsOf(await list(`?${day1}&minWaitSeconds=0`))).toEqual([idD, idB, a]);
    expect(idsOf(await list(`?${day1}&minWaitSeconds=3.5&queueId=${sales}`))).toEqual([a]);

    const abandoned = (await list(`?${day1}&queueId=${sales}&channel=web`)).body.calls[0]!;
    expect(abandoned).toMatchObject({ status: 'ended', waitOutcome: 'abandoned', waitSeconds: 3, endedBy: 'customer', endCause: 'abandoned', talkSeconds: null });
    const outbound = (await list(`?${day1}&direction=outbound`)).body.calls[0]!;
    expect(outbound).toMatchObject({ talkSeconds: 60, waitSeconds: null, endedBy: 'agent', queueId: null });
  });

  it('pages newest first with a cursor that neither repeats nor skips a call', async () => {
    const first = await list(`?${day1}&limit=3`);
    expect(idsOf(first)).toEqual([ids.d, ids.c, ids.b]);
    expect(first.body.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await list(`?${day1}&limit=3&cursor=${first.body.nextCursor}`);
    expect(idsOf(second)).toEqual([ids.a]);
    expect(second.body.nextCursor).toBeNull();

    const byTwo = await list(`?${day1}&limit=2`);
    const rest = await list(`?${day1}&limit=2&cursor=${byTwo.body.nextCursor}`);
    expect([...idsOf(byTwo), ...idsOf(rest)]).toEqual([ids.d, ids.c, ids.b, ids.a]);
    expect(rest.body.nextCursor).toBeNull();

    // Calls that started in the same millisecond are ordered by id, each on exactly one page.
    const same = t(DAY3, '12:00');
    const twins = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of twins) await recorder.append(id, [started(same)]);
    const day3 = `from=${DAY3}T00:00:00Z&to=${DAY3}T23:59:59Z`;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: CallList } = await list(`?${day3}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...idsOf(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...twins].sort().reverse());
  });

  it('refuses bad query parameters with 400 naming each one', async () => {
    const bad = await list(`?limit=ten&direction=sideways&queueId=sales&from=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: ErrorCode.Validation });
    const paths = (bad.body as unknown as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['direction', 'from', 'limit', 'queueId']);
    const unknown = await list('?callerNumbr=555');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('callerNumbr');
    const forged = await list('?cursor=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({ issues: [{ path: 'cursor' }] });
    expect((await list('?limit=500')).status).toBe(400);
    for (const wait of ['-1', 'long', '100000']) expect((await list(`?minWaitSeconds=${wait}`)).body, wait).toMatchObject({ issues: [{ path: 'minWaitSeconds' }] });
    expect((await list(`?from=${DAY2}T00:00:00Z&to=${DAY1}T00:00:00Z`)).body).toMatchObject({ issues: [{ path: 'to' }] });
    expect((await api.call('GET', '/api/calls/export.csv?limit=10', { token: supervisorToken })).status).toBe(400);
  });

  it('exports the filtered records as streamed RFC 4180 CSV, header first, newest first', async () => {
    const response = await fetch(`${server.url}/api/calls/export.csv?${day1}`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="calls-\d{8}-\d{6}\.csv"$/);
    // Written as it is read: chunked, no length known up front.
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    const text = await response.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(CALL_CSV_HEADERS);
    const column = (name: string) => rows[0]!.indexOf(name);
    expect(rows.slice(1).map((r) => r[column('call_id')])).toEqual([ids.d, ids.c, ids.b, ids.a]);
    const rowA = rows.find((r) => r[column('call_id')] === ids.a)!;
    expect(rowA[column('notes')]).toBe('Customer said "thanks", all good\nsecond line');
    expect(rowA[column('caller_number')]).toBe("'+15555550100");
    expect(rowA[column('wait_seconds')]).toBe('30');
    expect(rowA[column('talk_seconds')]).toBe('45');
    expect(rowA[column('hold_seconds')]).toBe('15');
    expect(rowA[column('wrap_up_seconds')]).toBe('30');
    expect(rowA[column('ivr_inputs')]).toBe('language=2; choice=1; pin=***');
    // The quoting itself: the quote doubled, the cell in quotes, the line break inside it.
    expect(text).toContain('"Customer said ""thanks"", all good\nsecond line"');

    const waited = parseCsv(await (await fetch(`${server.url}/api/calls/export.csv?${day1}&minWaitSeconds=10`, { headers: { authorization: `Bearer ${supervisorToken}` } })).text());
    expect(waited.slice(1).map((r) => r[0])).toEqual([ids.a]);
    const filtered = parseCsv(await (await fetch(`${server.url}/api/calls/export.csv?${day1}&channel=web`, { headers: { authorization: `Bearer ${supervisorToken}` } })).text());
    expect(filtered.slice(1).map((r) => r[0])).toEqual([ids.d, ids.b]);
    const empty = await fetch(`${server.url}/api/calls/export.csv?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z`, {
      headers: { authorization: `Bearer ${supervisorToken}` },
    });
    expect(parseCsv(await empty.text())).toEqual([CALL_CSV_HEADERS]);
  });

  it('reads the export a page at a time from the database, across page boundaries', async () => {
    const log = server.app.get(CallLogService);
    const pages: string[] = [];
    const filter = { from: `${DAY1}T00:00:00Z`, to: `${DAY2}T00:00:00Z` };
    for await (const record of log.records(filter, 3)) pages.push(record.id);
    expect(pages).toEqual([ids.d, ids.c, ids.b, ids.a]);
    const exact: string[] = [];
    for await (const record of log.records(filter, 2)) exact.push(record.id);
    expect(exact).toEqual([ids.d, ids.c, ids.b, ids.a]);
  });

  it('is for supervisors and admins: an agent gets 403, no token 401', async () => {
    for (const path of ['/api/calls', `/api/calls/${ids.a}/events`, '/api/calls/export.csv']) {
      expect((await api.call('GET', path, { token: agentToken })).status, path).toBe(403);
      expect((await api.call('GET', path)).status, path).toBe(401);
      expect((await api.call('GET', path, { token: adminToken })).status, path).toBe(200);
    }
  });

  it('refuses an illegal event order, and writes nothing of a refused append', async () => {
    const counts = async () => ({
      calls: await server.database.prisma.call.count(),
      events: await server.database.prisma.callEvent.count(),
      agents: await server.database.prisma.callAgent.count(),
    });
    const before = await counts();
    const recordBefore = (await list(`?${day1}&disposition=resolved`)).body.calls[0];

    // After the end, only after-call events.
    await expect(recorder.append(ids.a, [ev('call.held', { agentId: agent1 }, t(DAY1, '09:05'))])).rejects.toMatchObject({
      code: CallErrorCode.CallEnded,
    });
    // A legal event followed by an illegal one: neither is stored.
    await expect(
      recorder.append(ids.a, [
        ev('ticket.linked', { agentId: agent1, ticketId: 'T-1' }, t(DAY1, '09:05')),
        ev('call.resumed', { agentId: agent1 }, t(DAY1, '09:05')),
      ]),
    ).rejects.toMatchObject({ code: CallErrorCode.CallEnded, message: expect.stringMatching(/event 2 of 2.*nothing was recorded/) });
    // No call without its start; nothing is created for it.
    const stray = randomUUID();
    await expect(recorder.append(stray, [ev('call.answered', { agentId: agent1, offerId: null }, t(DAY1, '10:00'))])).rejects.toMatchObject({
      code: CallErrorCode.IllegalEvent,
    });
    // A call starts once.
    await expect(recorder.append(ids.b, [started(t(DAY1, '10:00'))])).rejects.toMatchObject({ code: CallErrorCode.CallEnded });
    // An event naming what the call does not have.
    const live = randomUUID();
    await recorder.append(live, [started(t(DAY1, '23:00')), ev('queue.entered', { queueId: sales, priority: 0, skills: [], position: null }, t(DAY1, '23:00', 1))]);
    const afterLive = await counts();
    await expect(
      recorder.append(live, [ev('offer.ended', { offerId: 'nope', agentId: agent1, result: 'rejected' }, t(DAY1, '23:00', 2))]),
    ).rejects.toMatchObject({ code: CallErrorCode.UnknownReference });
    // Malformed data is refused at the edge, naming the field.
    await expect(
      recorder.append(live, [ev('digit.pressed', { nodeId: null, digit: 'x' as never, masked: false }, t(DAY1, '23:00', 3))]),
    ).rejects.toMatchObject({ code: ErrorCode.Validation, details: { issues: expect.arrayContaining([expect.objectContaining({ path: 'events.0.data.digit' })]) } });
    await expect(recorder.append('not-a-uuid', [started(t(DAY1, '23:00'))])).rejects.toMatchObject({ code: ErrorCode.Validation });

    expect(afterLive).toEqual({ ...before, calls: before.calls + 1, events: before.events + 2 });
    expect(await counts()).toEqual(afterLive);
    expect((await list(`?${day1}&disposition=resolved`)).body.calls[0]).toEqual(recordBefore);
    expect(await server.database.prisma.call.findUnique({ where: { id: stray } })).toBeNull();
    // And the stored timeline itself cannot be edited, whoever tries.
    await expect(server.database.pool.query('UPDATE call_events SET type = $1', ['tampered'])).rejects.toThrow(/append-only/);
  });

  it('writes a burst of appends to one call in one transaction, in order, and a refused one fails alone', async () => {
    const at = (s: number) => t(DAY3, '10:00', s);
    const call = randomUUID();
    const writes = vi.spyOn(server.app.get(CallsRepository), 'append');
    const asked = [
      [started(at(0))],
      [ev('ivr.node-entered', { flowId: 'main', nodeId: 'menu', nodeType: 'menu' }, at(1))],
      [ev('digit.pressed', { nodeId: 'menu', digit: '1', masked: false }, at(2))],
      [ev('call.resumed', { agentId: agent1 }, at(3))], // not held: refused
      [ev('ivr.input-collected', { nodeId: 'menu', name: 'choice', value: '1', masked: false, status: 'ok' }, at(3))],
      [ev('queue.entered', { queueId: sales, priority: 0, skills: [], position: 1 }, at(4))],
    ];
    const results = await Promise.allSettled(asked.map((events) => recorder.append(call, events)));
    const transactions = writes.mock.calls.length;
    writes.mockRestore();
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ code: CallErrorCode.IllegalEvent });
    // Each append answers with its own events, numbered in the order they were asked for.
    expect(results.flatMap((r) => (r.status === 'fulfilled' ? r.value.events.map((e) => `${e.seq} ${e.type}`) : []))).toEqual([
      '1 call.started',
      '2 ivr.node-entered',
      '3 digit.pressed',
      '4 ivr.input-collected',
      '5 queue.entered',
    ]);
    // The first write alone, the five behind it together; the refusal makes them go one by one.
    expect(transactions).toBe(1 + 1 + 5);
    const timeline = (await api.call<CallTimeline>('GET', `/api/calls/${call}/events`, { token: supervisorToken })).body.events;
    expect(timeline.map((e) => e.type)).toEqual(['call.started', 'ivr.node-entered', 'digit.pressed', 'ivr.input-collected', 'queue.entered']);

    // Without a refusal a burst costs one transaction.
    const burst = vi.spyOn(server.app.get(CallsRepository), 'append');
    const more = await Promise.all(
      [5, 6, 7].map((s) => recorder.append(call, [ev('queue.announcement', { queueId: sales, position: 1, ewtSeconds: s }, at(s))])),
    );
    const burstTransactions = burst.mock.calls.length;
    burst.mockRestore();
    expect(burstTransactions).toBe(2);
    expect(more.map((r) => r.events.map((e) => e.seq))).toEqual([[6], [7], [8]]);
    expect(more[2]!.record.announcements).toHaveLength(3);
  });

  it('stores a call that names a queue, customer or agent without a row, leaving those columns empty', async () => {
    const ghostQueue = randomUUID();
    const ghostAgent = randomUUID();
    const ghostCustomer = randomUUID();
    const g = (s: number) => t('2025-03-06', '10:00', s);
    const call = randomUUID();
    const { record } = await recorder.append(call, [
      started(g(0)),
      ev('crm.matched', { customerId: ghostCustomer, matchedBy: 'caller-number' }, g(1)),
      ev('queue.entered', { queueId: ghostQueue, priority: 0, skills: [], position: null }, g(2)),
      ev('call.answered', { agentId: ghostAgent, offerId: null }, g(4)),
      ev('call.ended', { by: 'customer', agentId: null, cause: 'hangup', detail: null }, g(10)),
    ]);
    expect(record).toMatchObject({ queueId: ghostQueue, customerId: ghostCustomer, talkSeconds: 6 });
    const row = await server.database.prisma.call.findUniqueOrThrow({ where: { id: call }, include: { agents: true } });
    expect(row).toMatchObject({ queueId: null, customerId: null, queueIds: [ghostQueue], agents: [] });
    const listed = (await list('?from=2025-03-06T00:00:00Z&to=2025-03-07T00:00:00Z')).body.calls[0]!;
    expect(listed).toMatchObject({ id: call, queueId: null, customerId: null, queues: [expect.objectContaining({ queueId: ghostQueue })] });
    expect(idsOf(await list(`?queueId=${ghostQueue}`))).toEqual([call]);
    expect((await api.call<CallTimeline>('GET', `/api/calls/${call}/events`, { token: supervisorToken })).body.events).toHaveLength(5);
  });

  it('closes a call a crashed server left open at the next start, at its last recorded event, and keeps everything else', async () => {
    const e = (s: number) => t(DAY2, '08:00', s);
    const callE = randomUUID();
    await recorder.append(callE, [started(e(0), { ani: '+14155550103' })]);
    await recorder.append(callE, [
      ev('queue.entered', { queueId: support, priority: 0, skills: [], position: 1 }, e(5)),
      ev('offer.made', { offerId: 'o1', agentId: agent2, queueId: support, ringUntil: iso(e(22)) }, e(7)),
    ]);
    const day2 = `from=${DAY2}T00:00:00Z&to=${DAY3}T00:00:00Z`;
    const live = (await list(`?${day2}`)).body.calls;
    expect(live.map((c) => c.id)).toEqual([callE]);
    expect(live[0]).toMatchObject({ status: 'in-progress', endedAt: null, waitOutcome: 'waiting', waitSeconds: null, queueId: support });

    // The server goes away without closing the call (it was written here, not by a call the
    // server carried, as a crash would leave it); the next one opens the same database.
    await server.close();
    restarted = await bootServer(backend, { dataDir: server.dataDir, databaseUrl: server.config.databaseUrl ?? undefined });
    const again = apiClient(restarted.url);
    const token = (await again.login('supervisor', 'super123!')).accessToken;
    const closed = (await again.call<CallList>('GET', `/api/calls?${day2}`, { token })).body.calls[0]!;
    expect(closed).toMatchObject({ id: callE, status: 'ended', endedAt: iso(e(7)), endedBy: 'system', endCause: 'recovered', waitOutcome: 'ended' });
    expect(closed.offers.map((o) => [o.offerId, o.result])).toEqual([['o1', 'withdrawn']]);
    const timeline = await again.call<CallTimeline>('GET', `/api/calls/${callE}/events`, { token });
    expect(timeline.body.events.map((x) => [x.seq, x.type])).toEqual([
      [1, 'call.started'],
      [2, 'queue.entered'],
      [3, 'offer.made'],
      [4, 'offer.ended'],
      [5, 'call.ended'],
    ]);
    // A closed call stays as it was: nothing is appended to it at the next start.
    expect(await restarted.app.get(CallRecorder).close(callE, { cause: 'recovered', detail: 'again' })).toEqual([]);
    // Everything recorded before the restart is still there.
    expect((await again.call<CallList>('GET', `/api/calls?${day1}`, { token })).body.calls).toHaveLength(5);
  });
});

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; lines end with CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}
