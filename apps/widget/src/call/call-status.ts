/**
 * What the status line says during a call: the softphone's side (connecting, connected,
 * failed, ended) combined with where the server says the call is (IVR, queue position,
 * talking, on hold, callback booked). Pure, so every combination is unit-tested.
 */
import type { WidgetCallStatus } from '@ccx/contracts';
import type { WidgetStrings } from '../i18n';

export type LinePhase = 'connecting' | 'connected' | 'failed' | 'ended';

export interface CallView {
  line: LinePhase;
  /** The server's latest word on the call; null before the status channel spoke. */
  server: WidgetCallStatus | null;
}

/** Which controls make sense now. */
export interface Controls {
  inCall: boolean;
  offerCallback: boolean;
  callAgain: boolean;
}

export function statusText(view: CallView, strings: WidgetStrings): string {
  const server = view.server;
  if (server?.phase === 'callback-booked') return strings.callbackBooked(server.number);
  if (view.line === 'failed') return strings.callFailed;
  if (view.line === 'ended' || server?.phase === 'ended') return strings.ended;
  if (view.line === 'connecting' || !server || server.phase === 'waiting') return strings.connecting;
  switch (server.phase) {
    case 'ivr':
      return strings.ivr;
    case 'queued':
      return strings.queued(server.position);
    case 'talking':
      return strings.talking;
    case 'on-hold':
      return strings.onHold;
  }
}

export function controlsFor(view: CallView): Controls {
  const over = view.line === 'failed' || view.line === 'ended' || view.server?.phase === 'ended' || view.server?.phase === 'callback-booked';
  return {
    inCall: !over,
    offerCallback: !over && view.line === 'connected' && view.server?.phase === 'queued',
    callAgain: over,
  };
}

/**
 * Checks a `widget:status` message at the edge. Hand-written rather than the contracts' zod
 * schema, which would pull zod into the widget; the schema's shape is mirrored here and the
 * unit test holds the two together.
 */
export function parseStatus(value: unknown): WidgetCallStatus | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  switch (v.phase) {
    case 'waiting':
    case 'ivr':
    case 'talking':
    case 'on-hold':
    case 'ended':
      return { phase: v.phase };
    case 'queued':
      if (v.position === null) return { phase: 'queued', position: null };
      return typeof v.position === 'number' && Number.isInteger(v.position) && v.position > 0 ? { phase: 'queued', position: v.position } : null;
    case 'callback-booked':
      return typeof v.number === 'string' && v.number.length > 0 && v.number.length <= 64 ? { phase: 'callback-booked', number: v.number } : null;
    default:
      return null;
  }
}

/** The same rule as the server's DialNumberSchema, checked before sending. */
export const CALLBACK_NUMBER = /^\+?[0-9]{3,20}$/;
