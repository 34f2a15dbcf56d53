import { describe, expect, it } from 'vitest';
import { createResponse, parseSipMessage, type SipRequest } from './message.js';
import { ServerTransactionLayer } from './server-transactions.js';
import { RecordingConnection, sipRequest } from './test-support.js';
import { FakeScheduler, T1 } from './timers.js';

const invite = (branch = 'z9hG4bKinv1') =>
  parseSipMessage(
    sipRequest([
      'INVITE sip:1000@ccx.invalid SIP/2.0',
      `Via: SIP/2.0/UDP 192.0.2.1:5060;branch=${branch}`,
      'From: <sip:caller@example.com>;tag=f1',
      'To: <sip:1000@ccx.invalid>',
      'Call-ID: call-1',
      'CSeq: 1 INVITE',
      'Max-Forwards: 70',
    ]),
  ) as SipRequest;
const ack = () => {
  const request = invite();
  const text = sipRequestFrom(request, 'ACK');
  return parseSipMessage(text) as SipRequest;
};
function sipRequestFrom(request: SipRequest, method: string): Buffer {
  return sipRequest([
    `${method} sip:1000@ccx.invalid SIP/2.0`,
    `Via: ${request.headers.get('via')}`,
    `From: ${request.headers.get('from')}`,
    'To: <sip:1000@ccx.invalid>;tag=t1',
    'Call-ID: call-1',
    `CSeq: 1 ${method}`,
    'Max-Forwards: 70',
  ]);
}

describe(ServerTransactionLayer.name, () => {
  it('answers a retransmitted request with the last response, without asking the application again', () => {
    const scheduler = new FakeScheduler();
    const sut = new ServerTransactionLayer(scheduler);
    const connection = new RecordingConnection('udp:1', 'UDP');
    const transaction = sut.create(invite(), connection);
    transaction.respond(createResponse(invite(), 180, 'Ringing', 't1'));
    expect(sut.find(invite())).toBe(transaction);
    sut.find(invite())!.receiveAgain(invite());
    expect(connection.sent).toHaveLength(2);
    expect(connection.sent[1]!.toString()).toMatch(/^SIP\/2.0 180 Ringing/);
  });

  it('retransmits a final non-2xx INVITE answer over UDP with doubling intervals until the ACK', () => {
    const scheduler = new FakeScheduler();
    const sut = new ServerTransactionLayer(scheduler);
    const connection = new RecordingConnection('udp:1', 'UDP');
    const transaction = sut.create(invite(), connection);
    transaction.respond(createResponse(invite(), 486, 'Busy Here', 't1'));
    scheduler.advance(T1); // 1st retransmission at 500 ms
    scheduler.advance(2 * T1); // 2nd at 1500 ms
    scheduler.advance(4 * T1); // 3rd at 3500 ms
    expect(connection.sent).toHaveLength(4);
    sut.find(ack())!.receiveAgain(ack());
    expect(transaction.state).toBe('confirmed');
    scheduler.advance(10_000);
    expect(connection.sent).toHaveLength(4);
    expect(transaction.state).toBe('terminated');
    expect(sut.size).toBe(0);
  });

  it('gives up after Timer H when no ACK comes, and reports it', () => {
    const scheduler = new FakeScheduler();
    const sut = new ServerTransactionLayer(scheduler);
    let timedOut = 0;
    const transaction = sut.create(invite(), new RecordingConnection('udp:1', 'UDP'), () => timedOut++);
    transaction.respond(createResponse(invite(), 480, 'Temporarily Unavailable', 't1'));
    scheduler.advance(64 * T1);
    expect(transaction.state).toBe('terminated');
    expect(timedOut).toBe(1);
    expect(scheduler.pendingCount).toBe(0);
  });

  it('does not retransmit over a reliable transport and forgets a non-INVITE at once', () => {
    const scheduler = new FakeScheduler();
    const sut = new ServerTransactionLayer(scheduler);
    const connection = new RecordingConnection('ws:1', 'WS');
    const options = parseSipMessage(sipRequestFrom(invite(), 'OPTIONS')) as SipRequest;
    sut.create(options, connection).respond(createResponse(options, 200, 'OK', 't1'));
    scheduler.advance(0);
    expect(sut.size).toBe(0);
    const inv = sut.create(invite(), connection);
    inv.respond(createResponse(invite(), 486, 'Busy Here', 't1'));
    scheduler.advance(30_000);
    expect(connection.sent).toHaveLength(2);
  });

  it('keeps transactions with different branches apart', () => {
    const sut = new ServerTransactionLayer(new FakeScheduler());
    sut.create(invite('z9hG4bKa'), new RecordingConnection());
    expect(sut.find(invite('z9hG4bKb'))).toBeUndefined();
    expect(sut.find(invite('z9hG4bKa'))).toBeDefined();
  });
});
