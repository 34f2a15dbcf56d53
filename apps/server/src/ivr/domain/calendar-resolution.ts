import { type Flow, type FlowNode, type HolidayList, type WeeklyHours } from '@ccx/contracts';

/** A named calendar's hours, as a businessHours node holds them inline. */
export interface CalendarHours {
  timeZone: string;
  weekly: WeeklyHours;
  holidays: HolidayList;
}

/**
 * The flow with every businessHours node that names a calendar given that calendar's hours
 * inline, so the flow runner needs to know nothing of calendars. Done when a call starts, so
 * a calendar's change reaches the next call. A calendar that is not there (deleted or renamed
 * after publishing, which the admin API refuses) leaves the node without hours, which the
 * runner treats as closed. A flow without calendar references comes back as it is.
 */
export function withCalendarHours(flow: Flow, calendars: ReadonlyMap<string, CalendarHours>): Flow {
  let nodes: Record<string, FlowNode> | null = null;
  for (const [id, node] of Object.entries(flow.nodes)) {
    if (node.kind !== 'businessHours' || node.calendar === undefined) continue;
    const hours = calendars.get(node.calendar);
    if (!hours) continue;
    nodes ??= { ...flow.nodes };
    const { calendar: _calendar, ...rest } = node;
    nodes[id] = { ...rest, timeZone: hours.timeZone, weekly: hours.weekly, holidays: hours.holidays };
  }
  return nodes ? { ...flow, nodes } : flow;
}
