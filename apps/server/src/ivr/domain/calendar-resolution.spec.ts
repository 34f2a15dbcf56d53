import { type Flow, validateFlow } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { businessHoursState } from './business-hours.js';
import { withCalendarHours } from './calendar-resolution.js';

function flowWithCalendar(calendar: string): Flow {
  const result = validateFlow({
    schemaVersion: 1,
    id: 'hours',
    name: 'Hours',
    version: 1,
    start: 'hours',
    nodes: {
      hours: { kind: 'businessHours', calendar, open: 'bye', closed: 'bye' },
      bye: { kind: 'hangup' },
    },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.flow;
}

const MONDAY_10_UTC = Date.parse('2026-11-30T10:00:00Z');
const office = { timeZone: 'UTC', weekly: { mon: [{ from: '09:00', to: '17:00' }] }, holidays: [] };

describe(withCalendarHours.name, () => {
  it('puts the named calendar’s hours into the node, so the runner sees inline hours', () => {
    const sut = withCalendarHours(flowWithCalendar('Office'), new Map([['Office', office]]));
    const node = sut.nodes.hours!;
    expect(node).toEqual({ kind: 'businessHours', timeZone: 'UTC', weekly: office.weekly, holidays: [], open: 'bye', closed: 'bye' });
    expect(node.kind === 'businessHours' && businessHoursState(node, MONDAY_10_UTC)).toBe('open');
  });

  it('follows the calendar as it is now: a holiday added today closes the next call', () => {
    const flow = flowWithCalendar('Office');
    const holiday = { ...office, holidays: [{ date: '11-30' }] };
    const node = withCalendarHours(flow, new Map([['Office', holiday]])).nodes.hours!;
    expect(node.kind === 'businessHours' && businessHoursState(node, MONDAY_10_UTC)).toBe('holiday');
    expect(flow.nodes.hours).toMatchObject({ calendar: 'Office' });
  });

  it('leaves a node whose calendar is gone without hours: closed', () => {
    const node = withCalendarHours(flowWithCalendar('Gone'), new Map()).nodes.hours!;
    expect(node.kind === 'businessHours' && businessHoursState(node, MONDAY_10_UTC)).toBe('closed');
  });
});
