/**
 * The business hours form: each weekday's opening times as `09:00-12:00, 13:00-17:30`
 * (empty: closed), holidays one a line as `2025-12-25 Christmas` or `01-01 New Year` (every
 * year). Parsed into the calendar's body; the contract's schema checks the times.
 */
import { type BusinessHoursCalendar, WEEKDAYS, type Weekday } from '@ccx/contracts';

export interface HoursDraft {
  name: string;
  timeZone: string;
  days: Record<Weekday, string>;
  holidays: string;
}

export const WEEKDAY_LABELS: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

export function newHoursDraft(): HoursDraft {
  const days = Object.fromEntries(WEEKDAYS.map((d) => [d, d === 'sat' || d === 'sun' ? '' : '09:00-17:00'])) as Record<Weekday, string>;
  return { name: '', timeZone: 'UTC', days, holidays: '' };
}

export function hoursDraft(calendar: BusinessHoursCalendar): HoursDraft {
  const days = Object.fromEntries(WEEKDAYS.map((d) => [d, (calendar.weekly[d] ?? []).map((r) => `${r.from}-${r.to}`).join(', ')])) as Record<Weekday, string>;
  return { name: calendar.name, timeZone: calendar.timeZone, days, holidays: calendar.holidays.map((h) => (h.name ? `${h.date} ${h.name}` : h.date)).join('\n') };
}

/** `09:00-12:00, 13:00-17:30` → ranges; a malformed range keeps its text so the schema names it. */
export function parseRanges(text: string): { from: string; to: string }[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [from = '', to = ''] = part.split(/\s*[-–]\s*/);
      return { from, to };
    });
}

export function parseHolidays(text: string): { date: string; name?: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [date = '', ...rest] = line.split(/\s+/);
      const name = rest.join(' ');
      return name ? { date, name } : { date };
    });
}

export function hoursBody(draft: HoursDraft) {
  return {
    name: draft.name,
    timeZone: draft.timeZone.trim(),
    weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, parseRanges(draft.days[d])])),
    holidays: parseHolidays(draft.holidays),
  };
}
