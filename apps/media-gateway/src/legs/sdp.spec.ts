import { describe, expect, it } from 'vitest';
import { buildAudioSdp, findPayloadType, firstAudio, isHold, parseSdp, remoteReceives, remoteSends, SdpError } from './sdp.js';

const offer = (extra: string[] = [], connection = 'c=IN IP4 192.0.2.10') =>
  ['v=0', 'o=- 42 1 IN IP4 192.0.2.10', 's=-', connection, 't=0 0', 'm=audio 30000 RTP/AVP 8 0 101', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16', ...extra, ''].join('\r\n');

const code = (sdp: string) => {
  try {
    parseSdp(sdp);
  } catch (error) {
    return error instanceof SdpError ? error.code : 'other';
  }
  return 'parsed';
};

describe('parseSdp', () => {
  it('reads a trunk offer: address, port, payload types, static and dynamic codecs, direction', () => {
    const audio = firstAudio(parseSdp(offer()));
    expect(audio).toMatchObject({ kind: 'audio', port: 30000, protocol: 'RTP/AVP', payloadTypes: [8, 0, 101], address: '192.0.2.10', direction: 'sendrecv' });
    expect(findPayloadType(audio, 'PCMA')).toBe(8);
    expect(findPayloadType(audio, 'pcmu')).toBe(0);
    expect(findPayloadType(audio, 'telephone-event', 8000)).toBe(101);
    expect(findPayloadType(audio, 'telephone-event', 48000)).toBeNull();
  });

  it('takes the media-level direction over the session-level one, and reads hold both ways', () => {
    const session = (dir: string) => offer().replace('t=0 0', `t=0 0\r\na=${dir}`);
    expect(firstAudio(parseSdp(session('sendonly'))).direction).toBe('sendonly');
    expect(firstAudio(parseSdp(offer(['a=inactive']).replace('t=0 0', 't=0 0\r\na=sendonly'))).direction).toBe('inactive');
    const held = firstAudio(parseSdp(offer(['a=sendonly'])));
    expect([isHold(held), remoteSends(held), remoteReceives(held)]).toEqual([true, true, false]);
    const rfc2543 = firstAudio(parseSdp(offer([], 'c=IN IP4 0.0.0.0')));
    expect([isHold(rfc2543), remoteReceives(rfc2543)]).toEqual([true, false]);
    // With ICE, 0.0.0.0 is Chromium's placeholder before gathering, not a hold.
    expect([isHold(rfc2543, { ice: true }), remoteReceives(rfc2543, { ice: true })]).toEqual([false, true]);
  });

  it('parses a WebRTC offer (LF line ends, many attributes, non-RTP sections)', () => {
    const webrtc = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0 1', 'm=audio 9 UDP/TLS/RTP/SAVPF 0 126', 'c=IN IP4 0.0.0.0', 'a=ice-ufrag:abcd', 'a=rtpmap:126 telephone-event/8000', 'a=sendrecv', 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', ''].join('\n');
    const parsed = parseSdp(webrtc);
    expect(parsed.media.map((m) => m.kind)).toEqual(['audio', 'application']);
    expect(findPayloadType(firstAudio(parsed), 'telephone-event')).toBe(126);
  });

  it.each([
    ['not SDP at all', 'hello'],
    ['a bad line', offer().replace('s=-', 'S-')],
    ['no origin', offer().replace('o=- 42 1 IN IP4 192.0.2.10\r\n', '')],
    ['a port out of range', offer().replace('30000', '70000')],
    ['a non-numeric payload type', offer().replace('8 0 101', '8 x 101')],
    ['a payload type above 127', offer().replace('8 0 101', '8 0 201')],
    ['a bad connection address', offer([], 'c=IN IP4 999.1.1.1')],
    ['a bad rtpmap', offer(['a=rtpmap:96 opus'])],
    ['an oversized body', offer() + 'a=x\r\n'.repeat(20_000)],
  ])('refuses %s as sdp/malformed', (_what, sdp) => {
    expect(code(sdp)).toBe('sdp/malformed');
  });

  it('refuses SDP without an active audio section as sdp/unsupported', () => {
    expect(() => firstAudio(parseSdp(offer().replace('m=audio 30000', 'm=audio 0')))).toThrow(expect.objectContaining({ code: 'sdp/unsupported' }));
  });
});

describe('buildAudioSdp', () => {
  it('writes an answer that parses back to what it says', () => {
    const sdp = buildAudioSdp({
      sessionId: '7',
      sessionVersion: 3,
      address: '203.0.113.5',
      port: 40002,
      codecs: [
        { payloadType: 8, encoding: 'PCMA', clockRate: 8000 },
        { payloadType: 101, encoding: 'telephone-event', clockRate: 8000, fmtp: '0-16' },
      ],
      direction: 'recvonly',
    });
    expect(sdp.endsWith('\r\n')).toBe(true);
    const audio = firstAudio(parseSdp(sdp));
    expect(audio).toMatchObject({ port: 40002, payloadTypes: [8, 101], address: '203.0.113.5', direction: 'recvonly' });
    expect(findPayloadType(audio, 'telephone-event')).toBe(101);
  });
});
