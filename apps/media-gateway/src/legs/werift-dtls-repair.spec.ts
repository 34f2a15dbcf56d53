import { describe, expect, it } from 'vitest';
import { withoutRepeatedHelloVerifyRequest } from './werift-dtls-repair.js';

/** A HelloVerifyRequest body: server_version 0xfeff (DTLS 1.0), then the cookie with its length. */
const helloVerifyRequest = (cookie: Buffer) => ({ msg_type: 3, fragment: Buffer.concat([Buffer.from([0xfe, 0xff, cookie.length]), cookie]) });
const serverHello = { msg_type: 2, fragment: Buffer.from([1, 2, 3]) };

describe(withoutRepeatedHelloVerifyRequest.name, () => {
  const cookie = Buffer.alloc(20, 7);

  it('keeps the first HelloVerifyRequest (the client is still at flight 1)', () => {
    const first = [helloVerifyRequest(cookie)];
    expect(withoutRepeatedHelloVerifyRequest(first, 1, undefined)).toEqual(first);
  });

  it('drops a repeat with the cookie already answered once flight 3 is under way, and nothing else', () => {
    expect(withoutRepeatedHelloVerifyRequest([helloVerifyRequest(cookie)], 3, cookie)).toEqual([]);
    expect(withoutRepeatedHelloVerifyRequest([helloVerifyRequest(cookie), serverHello], 3, cookie)).toEqual([serverHello]);
  });

  it('leaves a HelloVerifyRequest with a new cookie to werift', () => {
    const fresh = [helloVerifyRequest(Buffer.alloc(20, 9))];
    expect(withoutRepeatedHelloVerifyRequest(fresh, 3, cookie)).toEqual(fresh);
  });
});
