import { type FlowNodeOf, minutesOfDay, type TimeRange, type Weekday } from '@ccx/contracts';

/**
 * Opening hours and time windows, read in a flow's own time zone (IANA names, through
 * Intl, so daylight saving time is handled by the platform's time zone data). Pure: the
 * instant is passed in.
 */
export interface LocalTime {
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function localTime(atMs: number, timeZone: string): LocalTime {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(atMs)).map((part) => [part.type, part.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: String(parts.weekday).toLowerCase().slice(0, 3) as Weekday,
    minutes: (Number(parts.hour) % 24) * 60 + Number(parts.minute),
  };
}

/** A `YYYY-MM-DD` date, or a `MM-DD` date of every year. */
export function matchesDate(local: LocalTime, date: string): boolean {
  return date.length === 5 ? local.date.slice(5) === date : local.date === date;
}

export function inRanges(local: LocalTime, ranges: readonly TimeRange[]): boolean {
  return ranges.some((range) => local.minutes >= minutesOfDay(range.from) && local.minutes < minutesOfDay(range.to));
}

export type BusinessHoursState = 'open' | 'closed' | 'holiday';

/** A holiday closes the whole day; otherwise open inside one of the day's ranges. */
export function businessHoursState(hours: Pick<FlowNodeOf<'businessHours'>, 'timeZone' | 'weekly' | 'holidays'>, atMs: number): BusinessHoursState {
  // A node naming a calendar reaches the runner with the calendar's hours filled in by the
  // server (ivr/calendar-resolution.ts); one that still has none is closed, the safe branch.
  if (!hours.timeZone || !hours.weekly) return 'closed';
  const local = localTime(atMs, hours.timeZone);
  if ((hours.holidays ?? []).some((holiday) => matchesDate(local, holiday.date))) return 'holiday';
  return inRanges(local, hours.weekly[local.weekday] ?? []) ? 'open' : 'closed';
}

/** A condition's time window: every criterion given must hold (days, from–to, dates). */
export function inTimeWindow(window: { timeZone: string; days?: Weekday[]; from?: string; to?: string; dates?: string[] }, atMs: number): boolean {
  const local = localTime(atMs, window.timeZone);
  if (window.days && !window.days.includes(local.weekday)) return false;
  if (window.dates && !window.dates.some((date) => matchesDate(local, date))) return false;
  if (window.from !== undefined && local.minutes < minutesOfDay(window.from)) return false;
  if (window.to !== undefined && local.minutes >= minutesOfDay(window.to)) return false;
  return true;
}
