import { type AuditEntry } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { auditSearchParams, EMPTY_AUDIT_FILTER, toAuditFilter } from './audit-filter';
import { actionWords, actorWords, detailWords, targetWords } from './audit-words';

const entry = (action: string, data: Record<string, unknown>, target: AuditEntry['target'] = null): AuditEntry => ({
  id: '1',
  at: '2025-03-03T09:00:00.000Z',
  actor: { id: 'u1', displayName: 'Sam Supervisor' },
  action,
  target,
  data,
});

describe('audit log in plain words', () => {
  it('says what was done, to whom, by whom', () => {
    expect(actionWords('agents/force-state')).toBe('Forced an agent’s state');
    expect(actionWords('monitor/something-new')).toBe('monitor/something-new');
    expect(targetWords({ type: 'agent', id: 'a1', name: 'Alex Agent' })).toBe('agent Alex Agent');
    expect(targetWords({ type: 'queue', id: '0123456789abcdef', name: null })).toBe('queue 01234567');
    expect(targetWords(null)).toBe('–');
    expect(actorWords(null)).toBe('System');
  });

  it('says what changed', () => {
    expect(detailWords(entry('agents/force-state', { from: 'available', to: 'not-ready', reasonId: 'meeting' }))).toBe('Available → Not ready (meeting)');
    expect(detailWords(entry('agents/skills', { before: [{ skill: 'sales', level: 8 }], after: [] }))).toBe('skills now none (were sales 8)');
    expect(detailWords(entry('users/update', { changes: { role: 'supervisor', active: false } }))).toBe('role: supervisor; active: no');
    expect(detailWords(entry('queues/update', { changes: { wallboardThresholds: { serviceLevelWarnBelowPercent: 90, longestWaitAlertSeconds: null } } }))).toBe(
      'wallboard thresholds: service level warn below percent 90; longest wait alert seconds none',
    );
    expect(detailWords(entry('caller-lists/add', { kind: 'vip', number: '+15550100', note: '' }))).toBe('kind: vip; number: +15550100; note: (empty)');
    expect(detailWords(entry('auth/login', { address: '127.0.0.1' }))).toBe('from 127.0.0.1');
    expect(detailWords(entry('customers/update', { fields: ['displayName', 'email'] }))).toBe('changed display name, email');
    expect(detailWords(entry('x/y', { text: 'a'.repeat(3000) }))).toHaveLength(2000);
  });

  it('says who stepped into whose call, in which modes and for how long', () => {
    const call = { interventionId: 'c.m3', callId: 'c', agentId: 'a2', agentName: 'Bea Agent' };
    expect(actionWords('monitor/start')).toBe('Stepped into a call');
    expect(detailWords(entry('monitor/start', { ...call, mode: 'listen', startedAt: '2025-03-03T09:00:00.000Z' }))).toBe('listen on Bea Agent’s call');
    expect(detailWords(entry('monitor/mode', { ...call, mode: 'barge', at: '2025-03-03T09:00:10.000Z' }))).toBe('now barge on Bea Agent’s call');
    const modes = [
      { mode: 'listen', from: '2025-03-03T09:00:00.000Z', to: '2025-03-03T09:00:10.000Z' },
      { mode: 'whisper', from: '2025-03-03T09:00:10.000Z', to: '2025-03-03T09:00:15.000Z' },
      { mode: 'barge', from: '2025-03-03T09:00:15.000Z', to: '2025-03-03T09:00:18.000Z' },
    ];
    expect(detailWords(entry('monitor/end', { ...call, startedAt: modes[0]!.from, endedAt: modes[2]!.to, reason: 'ended', modes }))).toBe(
      'Bea Agent’s call, 18 s (listen 10 s, whisper 5 s, barge 3 s); ended by the supervisor',
    );
    expect(detailWords(entry('monitor/unanswered', { ...call, mode: 'whisper', reason: 'not-answered' }))).toBe('whisper on Bea Agent’s call; the supervisor’s phone did not answer');
  });
});

describe(toAuditFilter.name, () => {
  it('turns the form into the filter the server takes, local times as UTC', () => {
    const checked = toAuditFilter({ ...EMPTY_AUDIT_FILTER, action: 'agents/', from: '2025-01-31T07:05' });
    expect(checked).toEqual({ ok: true, filter: { action: 'agents/', from: new Date(2025, 0, 31, 7, 5).toISOString() } });
    if (checked.ok) expect(auditSearchParams(checked.filter).toString()).toBe(`action=agents%2F&from=${encodeURIComponent(new Date(2025, 0, 31, 7, 5).toISOString())}`);
    expect(toAuditFilter(EMPTY_AUDIT_FILTER)).toEqual({ ok: true, filter: {} });
  });

  it('names the field of each problem, as the server would', () => {
    const checked = toAuditFilter({ action: '', actorId: 'nobody', from: '2025-02-01T00:00', to: '2025-01-01T00:00' });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues.map((i) => i.path).sort()).toEqual(['actorId', 'to']);
  });
});
