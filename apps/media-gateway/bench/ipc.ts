/**
 * Messages between the bench controller and its load processes (Node IPC, JSON). A load
 * process plays both callers of each call it is given: the browser (WebRTC over SIP/WS) and
 * the trunk (plain RTP over SIP/UDP), so one process holds both ends of every probe stream
 * and can count loss and transit on one clock.
 */
import { type DirectionSummary } from './media-stats.js';
import { type Direction } from './probe.js';

export interface GatewayAddress {
  /** ws://host:port/sip */
  sipWebSocketUrl: string;
  sipUdpHost: string;
  sipUdpPort: number;
  /** SIP domain and digest realm. */
  domain: string;
  /** Public numbers the two legs dial. */
  webNumber: string;
  rtpNumber: string;
}

export interface CallCredential {
  sipUser: string;
  authorizationUsername: string;
  password: string;
}

export type ToLoad =
  | { type: 'init'; gateway: GatewayAddress; setupTimeoutMs: number; traceDir: string | null }
  | { type: 'setup'; call: number; credential: CallCredential }
  | { type: 'measure'; windowMs: number; graceMs: number }
  | { type: 'hangup'; calls: number[] }
  | { type: 'exit' };

export interface LoadWindowResult {
  directions: Record<Direction, DirectionSummary>;
  /** Calls that were up (sending both ways) through the whole window. */
  callsUp: number;
  /** Event-loop delay of this load process over the window (ms): its own share of the transit figures. */
  eventLoopDelayP99Ms: number;
  /** Send slots this process fired more than 20 ms late, so it skipped a packet. */
  senderSkips: number;
  /** How long the window really lasted (ms): its end comes late when the process is late. */
  windowMs: number;
}

export type FromLoad =
  | { type: 'ready'; pid: number }
  | { type: 'setupDone'; call: number; webMs: number; rtpMs: number }
  | { type: 'setupFailed'; call: number; reason: string }
  /** An established call lost a leg without being asked to (BYE from the gateway, ICE/DTLS failure). */
  | { type: 'dropped'; call: number; leg: 'web' | 'rtp'; reason: string }
  | { type: 'measured'; result: LoadWindowResult }
  | { type: 'hungUp'; calls: number[] };

/** Who a leg belongs to, from the SIP user its INVITE carries (From / digest user). */
export function benchUser(leg: 'web' | 'rtp', call: number): string {
  return `bench-${leg}-${call}`;
}

export function parseBenchUser(user: string | null | undefined): { leg: 'web' | 'rtp'; call: number } | null {
  const match = /^bench-(web|rtp)-(\d+)$/.exec(user ?? '');
  return match ? { leg: match[1] as 'web' | 'rtp', call: Number(match[2]) } : null;
}
