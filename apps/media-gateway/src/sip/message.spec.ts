import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createResponse, MAX_MESSAGE_BYTES, parseSipMessage, parseVia, serializeSipMessage, SipParseError, type SipRequest } from './message.js';

const tortureDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/testdata/sip-torture');
const torture = (name: string) => readFileSync(join(tortureDir, `${name}.dat`));

/** RFC 4475: what a parser must make of each message (section 3). */
const VALID = [
  'wsinv', 'intmeth', 'esc01', 'escnull', 'esc02', 'lwsdisp', 'longreq', 'dblreq', 'semiuri', 'transports', 'mpart01',
  'unreason', 'noreason', 'badbranch', 'unkscm', 'novelsc', 'bext01', 'invut', 'regaut01',
  'zeromf', 'cparam01', 'cparam02', 'regescrt', 'sdp01', 'inv2543', 'bcast',
];
const REJECTED_WITH_400 = [
  'badinv01', 'clerr', 'ncl', 'scalar02', 'quotbal', 'ltgtruri', 'lwsruri', 'lwsstart', 'trws', 'escruri', 'baddate',
  'regbadct', 'badaspec', 'baddn', 'mismatch01', 'insuf', 'multi01', 'mcl01',
  // RFC 4475 accepts 400 here too: an unknown method whose CSeq differs (3.1.2.18), and a
  // REGISTER with non-SIP URIs in To/From/Contact, which a registrar refuses (3.3.4).
  'mismatch02', 'unksm2',
];
const DROPPED_RESPONSES = ['scalarlg', 'bigcode'];

function outcome(data: Buffer): string {
  try {
    const message = parseSipMessage(data);
    return message.type === 'request' ? `request ${message.method}` : `response ${message.status}`;
  } catch (error) {
    expect(error).toBeInstanceOf(SipParseError);
    const e = error as SipParseError;
    return e.status === null ? 'dropped' : `rejected ${e.status}`;
  }
}

describe('parseSipMessage against the RFC 4475 torture messages', () => {
  it('covers every message of the archive', () => {
    const all = readdirSync(tortureDir).filter((f) => f.endsWith('.dat')).map((f) => f.replace('.dat', ''));
    expect([...VALID, ...REJECTED_WITH_400, ...DROPPED_RESPONSES, 'badvers'].sort()).toEqual(all.sort());
  });

  it.each(VALID)('accepts the valid message %s', (name) => {
    expect(outcome(torture(name))).toMatch(/^(request|response) /);
  });

  it.each(REJECTED_WITH_400)('answers the invalid request %s with 400', (name) => {
    expect(outcome(torture(name))).toBe('rejected 400');
  });

  it.each(DROPPED_RESPONSES)('drops the invalid response %s', (name) => {
    expect(outcome(torture(name))).toBe('dropped');
  });

  it('answers an unknown SIP version with 505', () => {
    expect(outcome(torture('badvers'))).toBe('rejected 505');
  });

  it('reads the tortuous INVITE right: folded headers, compact forms, several Vias', () => {
    const message = parseSipMessage(torture('wsinv')) as SipRequest;
    expect(message.headers.getAll('via')).toHaveLength(3);
    expect(parseVia(message.headers.getAll('via')[1]!)).toMatchObject({ transport: 'TCP', host: 'spindle.example.com', branch: 'z9hG4bK9ikj8' });
    expect(message.headers.get('newfangledheader')).toBe('newfangled value continued newfangled value');
    expect(message.headers.get('max-forwards')).toBe('0068');
    expect(message.body.length).toBe(150);
  });

  it('ignores octets after Content-Length (a second message in one datagram)', () => {
    const message = parseSipMessage(torture('dblreq')) as SipRequest;
    expect(message.method).toBe('REGISTER');
    expect(message.body.length).toBe(0);
  });
});

describe('parseSipMessage limits and robustness', () => {
  const register = (extra = '') =>
    Buffer.from(
      'REGISTER sip:ccx.invalid SIP/2.0\r\nVia: SIP/2.0/WSS x.invalid;branch=z9hG4bK1\r\nFrom: <sip:2001@ccx.invalid>;tag=a\r\n' +
        `To: <sip:2001@ccx.invalid>\r\nCall-ID: c1\r\nCSeq: 1 REGISTER\r\nMax-Forwards: 70\r\n${extra}Content-Length: 0\r\n\r\n`,
    );

  it('refuses an oversized request with 513', () => {
    expect(outcome(register(`X-Pad: ${'a'.repeat(MAX_MESSAGE_BYTES)}\r\n`))).toBe('rejected 513');
  });

  it('keeps what it could read of a bad request, to answer it', () => {
    try {
      parseSipMessage(register('Max-Forwards: 999\r\n'));
      expect.unreachable();
    } catch (error) {
      const partial = (error as SipParseError).partial!;
      const answer = createResponse(partial, 400, 'Bad Request', 'tag1');
      const text = serializeSipMessage(answer).toString();
      expect(text).toMatch(/^SIP\/2.0 400 Bad Request\r\n/);
      expect(text).toContain('Call-ID: c1\r\n');
      expect(text).toMatch(/To: <sip:2001@ccx.invalid>;tag=tag1\r\n/);
    }
  });

  it('serialises what it parsed into a message that parses the same', () => {
    const first = parseSipMessage(torture('wsinv')) as SipRequest;
    const again = parseSipMessage(serializeSipMessage(first)) as SipRequest;
    expect(again.method).toBe(first.method);
    expect(again.headers.getAll('via')).toEqual(first.headers.getAll('via'));
    expect(again.body.equals(first.body)).toBe(true);
  });

  it('never throws anything but SipParseError, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        try {
          parseSipMessage(Buffer.from(bytes));
        } catch (error) {
          if (!(error instanceof SipParseError)) throw error;
        }
      }),
      { numRuns: 2000 },
    );
  }, 60_000); // thousands of runs: the time it takes on a loaded machine says nothing about the parser

  it('never throws anything but SipParseError for mutations of valid messages', () => {
    const seeds = ['wsinv', 'intmeth', 'esc01', 'longreq', 'mpart01', 'inv2543', 'cparam01'].map((n) => torture(n).toString('latin1'));
    const mutation = fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(mutation, ([seed, at, cut, insert]) => {
        const position = at % seed.length;
        const mutated = seed.slice(0, position) + insert + seed.slice(position + cut);
        try {
          const message = parseSipMessage(Buffer.from(mutated, 'latin1'));
          // Whatever parses must serialise and parse again.
          parseSipMessage(serializeSipMessage(message));
        } catch (error) {
          if (!(error instanceof SipParseError)) throw error;
        }
      }),
      { numRuns: 3000 },
    );
  }, 60_000);
});
