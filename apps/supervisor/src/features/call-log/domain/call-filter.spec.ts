import { describe, expect, it } from 'vitest';
import { isoToLocal } from '../../../lib/local-time';
import { EMPTY_FILTER, fromSearchParams, hashFor, paramsFromHash, toCallQuery, toSearchParams } from './call-filter';

const QUEUE = '8d7f0c2e-3b1a-4c5d-9e6f-0a1b2c3d4e5f';

describe('call log filter', () => {
  it('turns a filled form into the server query, local times as UTC ISO, numbers as numbers', () => {
    const checked = toCallQuery({ ...EMPTY_FILTER, from: '2025-03-03T09:00', queueId: QUEUE, channel: 'trunk', callerNumber: ' 5550 ', minWaitSeconds: '30' });
    expect(checked).toEqual({
      ok: true,
      query: { from: new Date('2025-03-03T09:00').toISOString(), queueId: QUEUE, channel: 'trunk', callerNumber: '5550', minWaitSeconds: 30 },
    });
  });

  it('leaves empty fields out: an empty form is every call', () => {
    expect(toCallQuery(EMPTY_FILTER)).toEqual({ ok: true, query: {} });
    expect(toSearchParams({}).toString()).toBe('');
    expect(hashFor({})).toBe('#/calls');
  });

  it('names the field of each problem, as the server would', () => {
    const checked = toCallQuery({ ...EMPTY_FILTER, from: '2025-03-04T10:00', to: '2025-03-04T09:00', minWaitSeconds: '-5', direction: 'sideways' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues.map((i) => i.path).sort()).toEqual(['direction', 'minWaitSeconds']);
    // The range check runs once the fields themselves are good.
    const range = toCallQuery({ ...EMPTY_FILTER, from: '2025-03-04T10:00', to: '2025-03-04T09:00' });
    expect(range).toEqual({ ok: false, issues: [{ path: 'to', message: 'must be after `from`' }] });
    expect(toCallQuery({ ...EMPTY_FILTER, minWaitSeconds: 'long' })).toMatchObject({ ok: false, issues: [{ path: 'minWaitSeconds' }] });
  });

  it('round-trips through the address: the same search after a reload', () => {
    const draft = { ...EMPTY_FILTER, from: '2025-03-03T09:00', to: '2025-03-03T18:30', agentId: QUEUE, disposition: 'resolved', callerNumber: '+1415', minWaitSeconds: '12.5' };
    const checked = toCallQuery(draft);
    if (!checked.ok) throw new Error('expected a valid query');
    const hash = hashFor(checked.query);
    expect(hash).toMatch(/^#\/calls\?from=/);
    expect(fromSearchParams(paramsFromHash(hash))).toEqual(draft);
    // A '+' in a number survives the query string (not read as a space).
    expect(paramsFromHash(hash).get('callerNumber')).toBe('+1415');
  });

  it('ignores unknown parameters of an old bookmark and shows ISO times in local time', () => {
    expect(fromSearchParams(new URLSearchParams('nope=1&channel=web'))).toEqual({ ...EMPTY_FILTER, channel: 'web' });
    expect(isoToLocal(new Date(2025, 0, 31, 7, 5).toISOString())).toBe('2025-01-31T07:05');
    expect(isoToLocal('garbage')).toBe('');
  });
});
