/**
 * The little SIP a load-generating caller needs (RFC 3261): build INVITE, ACK and BYE,
 * answer a BYE, read responses, and answer a digest challenge (RFC 2617, MD5, qop=auth, as
 * SIP.js does). The bench is a peer of the gateway, so it keeps its own code rather than the
 * gateway's parser: a bug shared by both sides would hide itself.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface SipMessage {
  /** `INVITE`, `BYE` … for requests; null for responses. */
  method: string | null;
  status: number | null;
  reason: string;
  uri: string | null;
  /** Lower-case long names; one entry per header line. */
  headers: Map<string, string[]>;
  body: string;
}

const COMPACT: Record<string, string> = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type' };

export function parseSipMessage(text: string): SipMessage | null {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [start = '', ...lines] = text.slice(0, headEnd).split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[raw] ?? raw;
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const length = Number(headers.get('content-length')?.[0] ?? text.length - headEnd - 4);
  const body = text.slice(headEnd + 4, headEnd + 4 + length);
  const status = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(start);
  if (status) return { method: null, status: Number(status[1]), reason: status[2] ?? '', uri: null, headers, body };
  const request = /^([A-Z]+) (\S+) SIP\/2\.0$/.exec(start);
  if (request) return { method: request[1]!, status: null, reason: '', uri: request[2]!, headers, body };
  return null;
}

export function headerOf(message: SipMessage, name: string): string | undefined {
  return message.headers.get(name)?.[0];
}

/** The tag parameter of a From or To value. */
export function tagOf(value: string | undefined): string | null {
  return value ? (/;\s*tag=([^;\s]+)/i.exec(value)?.[1] ?? null) : null;
}

/** The URI inside a Contact value's angle brackets (or the bare value). */
export function contactUri(value: string | undefined): string | null {
  if (!value) return null;
  return /<([^>]+)>/.exec(value)?.[1] ?? value.split(';')[0]!.trim();
}

export const newTag = () => randomBytes(6).toString('hex');
export const newBranch = () => `z9hG4bK${randomBytes(8).toString('hex')}`;
export const newCallId = () => randomBytes(12).toString('hex');

export interface RequestParams {
  method: string;
  uri: string;
  via: string;
  from: string;
  to: string;
  callId: string;
  /** The CSeq number; its method is the request's (an ACK repeats its INVITE's number). */
  cseq: number;
  contact?: string;
  headers?: [string, string][];
  body?: { type: string; content: string };
}

export function buildRequest(p: RequestParams): string {
  const lines = [
    `${p.method} ${p.uri} SIP/2.0`,
    `Via: ${p.via}`,
    'Max-Forwards: 70',
    `From: ${p.from}`,
    `To: ${p.to}`,
    `Call-ID: ${p.callId}`,
    `CSeq: ${p.cseq} ${p.method}`,
    ...(p.contact ? [`Contact: ${p.contact}`] : []),
    ...(p.headers ?? []).map(([name, value]) => `${name}: ${value}`),
    ...(p.body ? [`Content-Type: ${p.body.type}`] : []),
    `Content-Length: ${Buffer.byteLength(p.body?.content ?? '')}`,
    '',
    p.body?.content ?? '',
  ];
  return lines.join('\r\n');
}

/** A response to a request we received (a BYE from the gateway): the RFC 3261 8.2.6 copies. */
export function buildResponse(request: SipMessage, status: number, reason: string): string {
  const lines = [`SIP/2.0 ${status} ${reason}`];
  for (const via of request.headers.get('via') ?? []) lines.push(`Via: ${via}`);
  for (const name of ['From', 'To', 'Call-ID', 'CSeq']) {
    const value = headerOf(request, name.toLowerCase());
    if (value !== undefined) lines.push(`${name}: ${value}`);
  }
  lines.push('Content-Length: 0', '', '');
  return lines.join('\r\n');
}

/** The Proxy-Authorization value answering a `Digest` challenge with qop=auth. */
export function digestAuthorization(challenge: string, credential: { username: string; password: string }, method: string, uri: string): string {
  const param = (name: string) => new RegExp(`${name}="?([^",]+)"?`, 'i').exec(challenge)?.[1];
  const realm = param('realm') ?? '';
  const nonce = param('nonce') ?? '';
  const cnonce = randomBytes(8).toString('hex');
  const nc = '00000001';
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  const ha1 = md5(`${credential.username}:${realm}:${credential.password}`);
  const ha2 = md5(`${method}:${uri}`);
  const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${credential.username}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}"`;
}
