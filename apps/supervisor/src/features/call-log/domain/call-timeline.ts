/**
 * A call's event timeline as a supervisor reads it: one row per event with its time, the
 * time since the call started, a plain-words name and the details, agents and queues by
 * name. Secret inputs stay masked as stored: the server never had their digits to give.
 */
import { type CallEvent, type CrmMatchedBy } from '@ccx/contracts';

/** How the customer was found, in plain words; the website's word was not checked by anyone. */
const MATCHED_BY: Record<CrmMatchedBy, string> = {
  'caller-number': "by the caller's number",
  'ivr-input': 'by what the caller keyed in the IVR',
  agent: 'chosen by the agent who dialled',
  'web-visitor': 'by who the website said its visitor is (not verified)',
};

export interface TimelineNames {
  agent(id: string): string;
  queue(id: string): string;
}

export interface TimelineRow {
  seq: number;
  /** Wall-clock time, `HH:MM:SS` in the viewer's time zone. */
  time: string;
  /** Since the first event, `m:ss` (or `h:mm:ss`). */
  offset: string;
  event: string;
  details: string;
}

export const MASKED_TEXT = '•••• (secret, not stored)';

/** `m:ss` / `h:mm:ss` for a number of seconds. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

function clock(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The name and details of one event. */
export function describeEvent(event: CallEvent, names: TimelineNames): { event: string; details: string } {
  switch (event.type) {
    case 'call.started': {
      const d = event.data;
      return { event: 'Call started', details: `${d.direction} ${d.channel} call from ${d.ani || '(withheld)'} to ${d.dnis}${d.agentId ? ` by ${names.agent(d.agentId)}` : ''}` };
    }
    case 'ivr.node-entered':
      return { event: 'IVR step', details: `${event.data.nodeId}${event.data.nodeType ? ` (${event.data.nodeType})` : ''} in flow ${event.data.flowId}` };
    case 'digit.pressed':
      return { event: 'Key pressed', details: `${event.data.masked ? MASKED_TEXT : event.data.digit}${event.data.nodeId ? ` at ${event.data.nodeId}` : ''}` };
    case 'ivr.input-collected': {
      const d = event.data;
      const value = d.masked ? MASKED_TEXT : (d.value ?? '(none)');
      return { event: 'Input collected', details: `${d.name} = ${value}${d.status === 'ok' ? '' : ` (${d.status})`} at ${d.nodeId}` };
    }
    case 'crm.matched':
      return { event: 'Customer found', details: MATCHED_BY[event.data.matchedBy] };
    case 'queue.entered':
      return { event: 'Queued', details: `${names.queue(event.data.queueId)}${event.data.position ? `, position ${event.data.position}` : ''}, priority ${event.data.priority}` };
    case 'queue.announcement':
      return { event: 'Announcement', details: `position ${event.data.position}${event.data.ewtSeconds === null ? '' : `, estimated wait ${formatDuration(event.data.ewtSeconds)}`}` };
    case 'queue.overflowed':
      return { event: 'Overflowed', details: `${names.queue(event.data.fromQueueId)} → ${names.queue(event.data.toQueueId)} (${event.data.reason})` };
    case 'queue.exited':
      return { event: 'Left the queue', details: `${names.queue(event.data.queueId)}: ${event.data.reason}` };
    case 'queue.abandoned':
      return { event: 'Abandoned', details: `hung up waiting in ${names.queue(event.data.queueId)}` };
    case 'offer.made':
      return { event: 'Offered', details: `to ${names.agent(event.data.agentId)} from ${names.queue(event.data.queueId)}` };
    case 'offer.ended':
      return { event: 'Offer ended', details: `${names.agent(event.data.agentId)}: ${event.data.result}` };
    case 'call.answered':
      return { event: 'Answered', details: `by ${names.agent(event.data.agentId)}` };
    case 'call.held':
      return { event: 'On hold', details: `by ${names.agent(event.data.agentId)}` };
    case 'call.resumed':
      return { event: 'Resumed', details: `by ${names.agent(event.data.agentId)}` };
    case 'transfer.initiated':
      return { event: 'Transfer started', details: `${event.data.kind}${event.data.fromAgentId ? ` by ${names.agent(event.data.fromAgentId)}` : ''}` };
    case 'transfer.completed':
      return { event: 'Transferred', details: event.data.toAgentId ? `to ${names.agent(event.data.toAgentId)}` : '' };
    case 'transfer.failed':
      return { event: 'Transfer failed', details: event.data.reason };
    case 'conference.joined':
      return { event: 'Conference', details: `${names.agent(event.data.byAgentId)} added ${event.data.party.kind === 'agent' ? names.agent(event.data.party.agentId) : event.data.party.number}` };
    case 'conference.left':
      return { event: 'Left conference', details: event.data.party.number };
    case 'agent.hung-up':
      return { event: 'Agent hung up', details: names.agent(event.data.agentId) };
    case 'supervisor.joined':
      return { event: 'Supervisor joined', details: event.data.mode };
    case 'supervisor.left':
      return { event: 'Supervisor left', details: '' };
    case 'recording.started':
      return { event: 'Recording started', details: event.data.recordingId };
    case 'recording.stopped':
      return { event: 'Recording stopped', details: `${event.data.recordingId}${event.data.durationSeconds === null ? '' : `, ${formatDuration(event.data.durationSeconds)}`}${event.data.path ? '' : ' (not kept)'}` };
    case 'call.ended':
      return { event: 'Call ended', details: `by ${event.data.by}${event.data.agentId ? ` (${names.agent(event.data.agentId)})` : ''}: ${event.data.cause}${event.data.detail ? `, ${event.data.detail}` : ''}` };
    case 'voicemail.left':
      return { event: 'Voicemail', details: `${formatDuration(event.data.durationSeconds)}${event.data.queueId ? ` for ${names.queue(event.data.queueId)}` : ''}` };
    case 'callback.requested':
      return { event: 'Callback requested', details: `${event.data.number}${event.data.scheduledFor ? ` at ${event.data.scheduledFor}` : ', as soon as possible'}` };
    case 'callback.placed':
      return { event: 'Callback placed', details: `call ${event.data.callbackCallId}` };
    case 'wrap-up.started':
      return { event: 'Wrap-up started', details: names.agent(event.data.agentId) };
    case 'wrap-up.ended':
      return { event: 'Wrap-up ended', details: names.agent(event.data.agentId) };
    case 'disposition.set':
      return { event: 'Disposition', details: `${event.data.code}${event.data.notes ? `: ${event.data.notes}` : ''}` };
    case 'ticket.linked':
      return { event: 'Ticket linked', details: event.data.ticketId };
    case 'survey.scored':
      return { event: 'Survey answer', details: `${event.data.survey} / ${event.data.question}: ${event.data.score} of ${event.data.maxScore}` };
  }
}

export function timelineRows(events: readonly CallEvent[], names: TimelineNames): TimelineRow[] {
  const first = events[0] ? Date.parse(events[0].at) : 0;
  return events.map((event) => ({
    seq: event.seq,
    time: clock(event.at),
    offset: formatDuration((Date.parse(event.at) - first) / 1000),
    ...describeEvent(event, names),
  }));
}
