import { Grammar, type NameAddrHeader, type URI } from 'sip.js/lib/core/index.js';
import { SipHeaders } from './headers.js';

/**
 * SIP messages: strict parsing at the edge and serialisation. Framing, required headers and
 * scalar limits are checked here; structured header values (URIs, name-addr, Via, CSeq) go
 * through SIP.js's RFC 3261 grammar. Every malformed input ends in a SipParseError (never
 * another exception), which says whether the sender gets an answer (400, 505, 513) or the
 * message is dropped (malformed responses, garbage with no usable Via).
 */
export interface SipRequest {
  type: 'request';
  method: string;
  uri: string;
  headers: SipHeaders;
  body: Buffer;
}

export interface SipResponse {
  type: 'response';
  status: number;
  reason: string;
  headers: SipHeaders;
  body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;

/** Messages above this size are refused: 513 when we can still answer, else dropped. */
export const MAX_MESSAGE_BYTES = 32 * 1024;

export class SipParseError extends Error {
  constructor(
    readonly reason: string,
    /** The status to answer with, or null to drop silently (responses, unusable garbage). */
    readonly status: 400 | 505 | 513 | null,
    /** What could be read of the request, to build the answer from. */
    readonly partial: SipRequest | null = null,
  ) {
    super(reason);
    this.name = 'SipParseError';
  }
}

const CRLF = '\r\n';
const MAX_INT31 = 2 ** 31 - 1;
const MAX_UINT32 = 2 ** 32 - 1;
const SINGLE_VALUED = ['from', 'to', 'call-id', 'cseq', 'max-forwards', 'content-length', 'content-type', 'expires'];
const RFC1123_GMT = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export function parseSipMessage(data: Buffer): SipMessage {
  try {
    return parseUnsafe(data);
  } catch (error) {
    if (error instanceof SipParseError) throw error;
    throw new SipParseError(`unparseable message (${(error as Error).message})`, null);
  }
}

function parseUnsafe(data: Buffer): SipMessage {
  // Leading CRLFs are keep-alives between messages (RFC 5626); skip them.
  let offset = 0;
  while (offset + 1 < data.length && data[offset] === 13 && data[offset + 1] === 10) offset += 2;
  const headEnd = data.indexOf('\r\n\r\n', offset, 'latin1');
  const oversized = data.length - offset > MAX_MESSAGE_BYTES;
  const head = data.toString('utf8', offset, headEnd < 0 ? Math.min(data.length, offset + MAX_MESSAGE_BYTES) : headEnd);
  const lines = unfold(head);
  const startLine = lines.shift() ?? '';
  const isResponse = startLine.startsWith('SIP/');
  const headers = new SipHeaders();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0 || !/^[!%'*+\-.0-9A-Z_`a-z~]+$/.test(line.slice(0, colon).trim())) {
      throw drop(isResponse, `malformed header line "${line.slice(0, 40)}"`);
    }
    headers.append(line.slice(0, colon), line.slice(colon + 1));
  }
  if (isResponse) return parseResponse(startLine, headers, data, headEnd, oversized);
  return parseRequest(startLine, headers, data, headEnd, oversized);
}

/** Joins folded header lines (a line starting with SP or HTAB continues the previous one). */
function unfold(head: string): string[] {
  const lines: string[] = [];
  for (const raw of head.split(CRLF)) {
    if (/^[ \t]/.test(raw) && lines.length > 0) lines[lines.length - 1] += ` ${raw.trim()}`;
    else lines.push(raw);
  }
  return lines;
}

function drop(isResponse: boolean, reason: string): SipParseError {
  return new SipParseError(reason, isResponse ? null : 400);
}

function parseRequest(startLine: string, headers: SipHeaders, data: Buffer, headEnd: number, oversized: boolean): SipRequest {
  const parts = startLine.split(' ');
  const partial: SipRequest = { type: 'request', method: parts[0] ?? '', uri: parts[1] ?? '', headers, body: Buffer.alloc(0) };
  const fail = (reason: string, status: 400 | 505 | 513 = 400) => new SipParseError(reason, status, partial);

  if (oversized) throw fail(`message larger than ${MAX_MESSAGE_BYTES} bytes`, 513);
  if (parts.length === 3 && /^SIP\/\d+\.\d+$/.test(parts[2]!) && parts[2] !== 'SIP/2.0') throw fail(`version ${parts[2]} not supported`, 505);
  const line = parseRequestLine(startLine);
  if (!line) throw fail('malformed request line');
  if (line.uriHasHeaders) throw fail('Request-URI must not carry headers');
  if (headEnd < 0) throw fail('no blank line after the headers');

  checkCommonHeaders(headers, fail);
  const cseq = parseCSeq(headers.get('cseq')!);
  if (!cseq) throw fail('malformed CSeq');
  const method = line.method;
  if (cseq.method !== method && !(method === 'ACK' && cseq.method === 'INVITE')) throw fail(`CSeq method ${cseq.method} does not match ${method}`);
  const maxForwards = headers.get('max-forwards');
  if (maxForwards !== undefined && !(/^\d{1,10}$/.test(maxForwards) && Number(maxForwards) <= 255)) throw fail('Max-Forwards must be 0 to 255');
  const expires = headers.get('expires');
  if (expires !== undefined && !(/^\d{1,10}$/.test(expires) && Number(expires) <= MAX_UINT32)) throw fail('malformed Expires');
  const date = headers.get('date');
  if (date !== undefined && !RFC1123_GMT.test(date)) throw fail('Date must be an RFC 1123 date in GMT');
  for (const contact of headers.getAll('contact')) {
    if (contact === '*') continue;
    if (!contact.includes('<') && /[?,]/.test(contact.split(';')[0]!)) throw fail('a Contact URI with headers must be in <>');
    if (Grammar.parse(contact, 'Contact') === -1) throw fail('malformed Contact');
    const contactExpires = /;\s*expires\s*=\s*([^;\s]+)/i.exec(contact)?.[1];
    if (contactExpires !== undefined && !(/^\d{1,10}$/.test(contactExpires) && Number(contactExpires) <= MAX_UINT32)) {
      throw fail('malformed Contact expires');
    }
  }
  const body = readBody(headers, data, headEnd, fail);
  return { type: 'request', method, uri: startLine.split(' ')[1]!, headers, body };
}

/**
 * `Method SP Request-URI SP SIP/2.0`. SIP and SIPS URIs go through the grammar; any other
 * absolute URI is still a well-formed request (the application answers 416 for it).
 */
function parseRequestLine(startLine: string): { method: string; uriHasHeaders: boolean } | null {
  const space = startLine.indexOf(' ');
  const method = startLine.slice(0, space);
  if (space <= 0 || !/^[!%'*+\-.0-9A-Z_`a-z~]+$/.test(method)) return null;
  // The grammar is a PEG: a method such as SUBSCRIBEX matches SUBSCRIBE and then fails, so
  // the method (checked above) is swapped for a neutral token before the rest is parsed.
  const rest = startLine.slice(space);
  const line = Grammar.parse(`ZZZ${rest}`, 'Request_Response') as { uri?: URI } | -1;
  if (line !== -1 && line.uri) return { method, uriHasHeaders: Object.keys(line.uri.headers ?? {}).length > 0 };
  const parts = startLine.split(' ');
  if (parts.length !== 3 || parts[2] !== 'SIP/2.0' || /^sips?:/i.test(parts[1]!)) return null;
  if (Grammar.parse(parts[1]!, 'absoluteURI') === -1) return null;
  return { method, uriHasHeaders: false };
}

function parseResponse(startLine: string, headers: SipHeaders, data: Buffer, headEnd: number, oversized: boolean): SipResponse {
  const fail = (reason: string) => new SipParseError(reason, null);
  if (oversized) throw fail('oversized response');
  const line = Grammar.parse(startLine, 'Request_Response') as { status_code?: number; reason_phrase?: string } | -1;
  if (line === -1 || line.status_code === undefined || line.status_code < 100 || line.status_code > 699) throw fail('malformed status line');
  if (headEnd < 0) throw fail('no blank line after the headers');
  checkCommonHeaders(headers, fail);
  const cseq = parseCSeq(headers.get('cseq')!);
  if (!cseq) throw fail('malformed CSeq');
  const body = readBody(headers, data, headEnd, fail);
  return { type: 'response', status: line.status_code, reason: line.reason_phrase ?? '', headers, body };
}

function checkCommonHeaders(headers: SipHeaders, fail: (reason: string) => SipParseError): void {
  for (const name of ['via', 'from', 'to', 'call-id', 'cseq']) if (!headers.has(name)) throw fail(`missing ${name} header`);
  for (const name of SINGLE_VALUED) if (headers.getAll(name).length > 1) throw fail(`more than one ${name} header`);
  for (const via of headers.getAll('via')) if (!parseVia(via)) throw fail('malformed Via');
  if (Grammar.parse(headers.get('from')!, 'From') === -1) throw fail('malformed From header');
  if (Grammar.parse(headers.get('to')!, 'To') === -1) throw fail('malformed To header');
  if (!/^\S+$/.test(headers.get('call-id')!)) throw fail('malformed Call-ID');
}

function readBody(headers: SipHeaders, data: Buffer, headEnd: number, fail: (reason: string) => SipParseError): Buffer {
  const start = headEnd + 4;
  const declared = headers.get('content-length');
  if (declared === undefined) return data.subarray(start);
  if (!/^\d{1,9}$/.test(declared)) throw fail('malformed Content-Length');
  const length = Number(declared);
  if (data.length - start < length) throw fail('Content-Length is larger than the body');
  // Octets after the declared length are ignored (RFC 3261 18.3, RFC 4475 dblreq).
  return data.subarray(start, start + length);
}

export interface Via {
  transport: string;
  host: string;
  port: number | null;
  branch: string | null;
  /** `rport` present: true (no value yet) or the port. */
  rport: number | true | null;
  received: string | null;
}

export function parseVia(value: string): Via | null {
  const parsed = Grammar.parse(value, 'Via') as { transport?: string; host?: string; port?: number; branch?: string } | -1;
  if (parsed === -1 || !parsed.host || !parsed.transport) return null;
  const rport = /;\s*rport\s*(=\s*(\d+))?(;|$)/i.exec(value);
  const received = /;\s*received\s*=\s*([^;\s]+)/i.exec(value);
  return {
    transport: parsed.transport.toUpperCase(),
    host: parsed.host,
    port: parsed.port ?? null,
    branch: parsed.branch ?? null,
    rport: rport ? (rport[2] ? Number(rport[2]) : true) : null,
    received: received?.[1] ?? null,
  };
}

export function parseNameAddr(value: string): NameAddrHeader | null {
  const parsed = Grammar.parse(value, 'From') as NameAddrHeader | -1;
  return parsed === -1 ? null : parsed;
}

export function parseUri(value: string): URI | null {
  const parsed = Grammar.parse(value, 'SIP_URI') as URI | -1;
  return parsed === -1 ? null : parsed;
}

export function parseCSeq(value: string): { seq: number; method: string } | null {
  const match = /^(\d{1,10})\s+([!%'*+\-.0-9A-Z_`a-z~]+)$/.exec(value.trim());
  if (!match || Number(match[1]) > MAX_INT31) return null;
  return { seq: Number(match[1]), method: match[2]! };
}

export function serializeSipMessage(message: SipMessage): Buffer {
  const start = message.type === 'request' ? `${message.method} ${message.uri} SIP/2.0` : `SIP/2.0 ${message.status} ${message.reason}`;
  const head = [start, ...message.headers.toLines(), `Content-Length: ${message.body.length}`, '', ''].join(CRLF);
  return Buffer.concat([Buffer.from(head, 'utf8'), message.body]);
}

/**
 * A response to a request (RFC 3261 8.2.6): Via, From, Call-ID and CSeq copied, To copied
 * with our tag added to a final response when the request had none.
 */
export function createResponse(request: SipRequest, status: number, reason: string, toTag?: string): SipResponse {
  const headers = new SipHeaders();
  for (const via of request.headers.getAll('via')) headers.append('Via', via);
  for (const name of ['From', 'To', 'Call-ID', 'CSeq']) {
    const value = request.headers.get(name);
    if (value !== undefined) headers.append(name, value);
  }
  const to = headers.get('to');
  if (to !== undefined && toTag && status > 100 && !/;\s*tag\s*=/i.test(to)) headers.set('To', `${to};tag=${toTag}`);
  return { type: 'response', status, reason, headers, body: Buffer.alloc(0) };
}
