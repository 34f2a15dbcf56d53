/**
 * A repair of werift's DTLS client (werift 0.24.4, pinned), applied once on import.
 *
 * A DTLS server that checks cookies answers each ClientHello with a HelloVerifyRequest
 * (RFC 6347 §4.2.1). werift retransmits its ClientHello after only 500 ms, so whenever either
 * side stalls that long (a burst of setups on a loaded machine) the server gets two and
 * answers both, and werift's client throws on the second ("Flight3.exec" runs twice): the
 * handshake fails and the leg with it. RFC 6347 expects the client to take a repeated
 * HelloVerifyRequest in its stride. werift's own server always repeats the same cookie, so a
 * repeat with the cookie we already answered is dropped here; one with a new cookie is left
 * to werift as before.
 *
 * Browsers' DTLS (BoringSSL) sends no HelloVerifyRequest, so this matters for werift peers
 * (our tests, the load generator) and cookie-checking servers; the burst test of
 * test/calls/worker-media-backend.int.spec.ts fails within a few runs without it.
 */
import { DtlsClient, DtlsSocket } from 'werift';

/** A reassembled handshake message, as far as this repair reads it. */
interface Handshake {
  msg_type: number;
  fragment: Buffer;
}

const HELLO_VERIFY_REQUEST = 3;
const FLIGHT_3 = 3;

/** The cookie of a HelloVerifyRequest body: server_version (2 bytes), cookie<0..255>. */
function cookieOf(helloVerifyRequest: Buffer): Buffer {
  return helloVerifyRequest.subarray(3, 3 + (helloVerifyRequest[2] ?? 0));
}

/** The handshakes a client at `flight` holding `cookie` should act on: not a repeated HelloVerifyRequest. */
export function withoutRepeatedHelloVerifyRequest<H extends Handshake>(handshakes: H[], flight: number, cookie: Buffer | undefined): H[] {
  if (flight < FLIGHT_3 || !cookie) return handshakes;
  return handshakes.filter((h) => h.msg_type !== HELLO_VERIFY_REQUEST || !cookieOf(h.fragment).equals(cookie));
}

let applied = false;

export function repairWeriftDtls(): void {
  if (applied) return;
  applied = true;
  const reassemble = DtlsSocket.prototype.handleFragmentHandshake;
  DtlsSocket.prototype.handleFragmentHandshake = function (this: DtlsSocket, messages: Parameters<typeof reassemble>[0]) {
    const handshakes = reassemble.call(this, messages);
    return this instanceof DtlsClient ? withoutRepeatedHelloVerifyRequest(handshakes, this.dtls.flight, this.dtls.cookie) : handshakes;
  };
}

repairWeriftDtls();
