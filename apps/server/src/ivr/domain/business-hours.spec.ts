import { describe, expect, it } from 'vitest';
import { businessHoursState, inTimeWindow, localTime } from './business-hours.js';

const officeHours = {
  timeZone: 'Asia/Shanghai',
  weekly: { mon: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }], sat: [{ from: '10:00', to: '24:00' }] },
  holidays: [{ date: '10-01' }, { date: '2026-02-17' }],
};

describe(localTime.name, () => {
  it('reads the date, weekday and time of day in the given zone', () => {
    const instant = Date.UTC(2025, 5, 15, 23, 30); // Sunday 23:30 UTC
    expect(localTime(instant, 'UTC')).toEqual({ date: '2025-06-15', weekday: 'sun', minutes: 23 * 60 + 30 });
    expect(localTime(instant, 'Asia/Shanghai')).toEqual({ date: '2025-06-16', weekday: 'mon', minutes: 7 * 60 + 30 });
    expect(localTime(instant, 'America/Los_Angeles')).toEqual({ date: '2025-06-15', weekday: 'sun', minutes: 16 * 60 + 30 });
  });

  it('follows daylight saving time', () => {
    // 14:00 UTC is 09:00 in New York in winter (EST) and 10:00 in summer (EDT).
    expect(localTime(Date.UTC(2025, 0, 15, 14, 0), 'America/New_York').minutes).toBe(9 * 60);
    expect(localTime(Date.UTC(2025, 6, 15, 14, 0), 'America/New_York').minutes).toBe(10 * 60);
  });

  it('says 00:00 at midnight, never 24:00', () => {
    expect(localTime(Date.UTC(2025, 5, 15, 16, 0), 'Asia/Shanghai')).toMatchObject({ date: '2025-06-16', minutes: 0 });
  });
});

describe(businessHoursState.name, () => {
  const at = (iso: string) => Date.parse(iso);

  it('is open inside a range, from included and to excluded, closed in the lunch gap and on days without hours', () => {
    expect(businessHoursState(officeHours, at('2025-06-16T09:00:00+08:00'))).toBe('open');
    expect(businessHoursState(officeHours, at('2025-06-16T08:59:59+08:00'))).toBe('closed');
    expect(businessHoursState(officeHours, at('2025-06-16T12:00:00+08:00'))).toBe('closed');
    expect(businessHoursState(officeHours, at('2025-06-16T17:59:00+08:00'))).toBe('open');
    expect(businessHoursState(officeHours, at('2025-06-16T18:00:00+08:00'))).toBe('closed');
    expect(businessHoursState(officeHours, at('2025-06-17T10:00:00+08:00'))).toBe('closed');
    expect(businessHoursState(officeHours, at('2025-06-21T23:59:00+08:00'))).toBe('open');
  });

  it('closes all day on a yearly holiday and on a dated one, in the zone’s calendar', () => {
    expect(businessHoursState(officeHours, at('2029-10-01T10:00:00+08:00'))).toBe('holiday');
    expect(businessHoursState(officeHours, at('2026-02-17T10:00:00+08:00'))).toBe('holiday');
    expect(businessHoursState(officeHours, at('2027-02-17T10:00:00+08:00'))).not.toBe('holiday');
    // 2025-09-30 18:30 UTC is already October 1st in Shanghai.
    expect(businessHoursState(officeHours, Date.UTC(2025, 8, 30, 18, 30))).toBe('holiday');
  });
});

describe(inTimeWindow.name, () => {
  it('checks each criterion given: days, time of day, dates', () => {
    const lunch = { timeZone: 'Europe/Paris', days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, from: '12:00', to: '13:30' };
    expect(inTimeWindow({ ...lunch, days: [...lunch.days] }, Date.parse('2025-06-16T12:15:00+02:00'))).toBe(true);
    expect(inTimeWindow({ ...lunch, days: [...lunch.days] }, Date.parse('2025-06-16T13:30:00+02:00'))).toBe(false);
    expect(inTimeWindow({ ...lunch, days: [...lunch.days] }, Date.parse('2025-06-15T12:15:00+02:00'))).toBe(false);
    expect(inTimeWindow({ timeZone: 'UTC', dates: ['12-25'] }, Date.parse('2031-12-25T08:00:00Z'))).toBe(true);
    expect(inTimeWindow({ timeZone: 'UTC', from: '22:00' }, Date.parse('2031-12-25T21:59:00Z'))).toBe(false);
  });
});
