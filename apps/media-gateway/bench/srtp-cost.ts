/**
 * `npm run bench:srtp` (built to dist/bench/srtp-cost.js; the script builds first): what one
 * packet costs in SRTP, protect + unprotect, with werift's own ciphers and with the
 * gateway's (src/legs/srtp/), for both profiles werift negotiates.
 *
 *   --packets N   timed packets per variant (default 100000)
 *   --repeat R    timed runs per variant, interleaved; the table shows the median (default 3)
 *
 * Each variant runs in a child process of its own, twice: once timed (normal heap), once
 * with a 64 MB young generation and no collection during the window, where the growth of
 * the JavaScript heap and of ArrayBuffer memory over 5000 packets is what they allocated.
 * Not counted: what OpenSSL mallocs for a cipher or HMAC context (werift makes one per
 * packet, the gateway's ciphers none), so werift's figure is a lower bound.
 *
 * A packet is a 12-byte RTP header with a 160-byte PCMU payload (what a call carries every
 * 20 ms each way), or a 32-byte RTCP receiver report, encrypted by one session and
 * decrypted by its peer, as the gateway does with every packet of a WebRTC leg.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { ProtectionProfileAeadAes128Gcm, ProtectionProfileAes128CmHmacSha1_80, RtpHeader, SrtcpSession, SrtpSession } from 'werift';
import { useGatewayCipher } from '@ccx/media-gateway';

const PROFILES = { 'AES-CM-HMAC-SHA1-80': ProtectionProfileAes128CmHmacSha1_80, 'AES-128-GCM': ProtectionProfileAeadAes128Gcm } as const;
type ProfileName = keyof typeof PROFILES;
type Implementation = 'werift' | 'gateway';
type Mode = 'time' | 'alloc';
const ALLOC_PACKETS = 5000;

interface Figures {
  rtpMicros: number;
  rtcpMicros: number;
  scavengesPer100k: number;
  rtpHeapBytes: number;
  rtpBufferBytes: number;
  rtcpHeapBytes: number;
  rtcpBufferBytes: number;
  collectionsDuringAlloc: number;
}

function sessions<S extends SrtpSession | SrtcpSession>(Session: new (c: { keys: Keys; profile: number }) => S, profile: number, implementation: Implementation) {
  const keys: Keys = {
    localMasterKey: randomBytes(16),
    localMasterSalt: randomBytes(profile === ProtectionProfileAeadAes128Gcm ? 12 : 14),
    remoteMasterKey: randomBytes(16),
    remoteMasterSalt: randomBytes(profile === ProtectionProfileAeadAes128Gcm ? 12 : 14),
  };
  const sender = new Session({ keys, profile });
  const receiver = new Session({
    keys: { localMasterKey: keys.remoteMasterKey, localMasterSalt: keys.remoteMasterSalt, remoteMasterKey: keys.localMasterKey, remoteMasterSalt: keys.localMasterSalt },
    profile,
  });
  if (implementation === 'gateway') {
    for (const context of [sender.localContext, sender.remoteContext, receiver.localContext, receiver.remoteContext]) {
      // The gateway has its own cipher for AES-CM only (what browsers negotiate); GCM stays werift's.
      useGatewayCipher(context);
    }
  }
  return { sender, receiver };
}

interface Keys {
  localMasterKey: Buffer;
  localMasterSalt: Buffer;
  remoteMasterKey: Buffer;
  remoteMasterSalt: Buffer;
}

/** One child: measures one variant in one mode and prints its figures as JSON. */
function child(profile: number, implementation: Implementation, mode: Mode, packets: number): void {
  const rtp = sessions(SrtpSession, profile, implementation);
  const rtcp = sessions(SrtcpSession, profile, implementation);
  const payload = randomBytes(160);
  const header = new RtpHeader({ payloadType: 0, sequenceNumber: 0, timestamp: 0, ssrc: 0x1234abcd, marker: false });
  const report = Buffer.alloc(32);
  report.set([0x81, 201, 0, 7]);
  report.writeUInt32BE(0x0badcafe, 4);
  let sink = 0;
  const rtpPacket = () => {
    header.sequenceNumber = (header.sequenceNumber + 1) & 0xffff;
    header.timestamp = (header.timestamp + 160) >>> 0;
    sink += rtp.receiver.decrypt(rtp.sender.encrypt(payload, header)).length;
  };
  const rtcpPacket = () => {
    sink += rtcp.receiver.decrypt(rtcp.sender.encrypt(report)).length;
  };
  let scavenges = 0;
  /** Collections that started inside a window of the allocation measurement. */
  let collectionsInWindows = 0;
  const windows: [number, number][] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // NODE_PERFORMANCE_GC_MINOR = 1
      if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === 1) scavenges++;
      if (windows.some(([from, to]) => entry.startTime >= from && entry.startTime <= to)) collectionsInWindows++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  for (let i = 0; i < 20_000; i++) rtpPacket();
  for (let i = 0; i < 2_000; i++) rtcpPacket();
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  void (async () => {
    const figures: Partial<Figures> = {};
    if (mode === 'time') {
      await flush();
      scavenges = 0;
      let start = process.hrtime.bigint();
      for (let i = 0; i < packets; i++) rtpPacket();
      figures.rtpMicros = Number(process.hrtime.bigint() - start) / packets / 1000;
      await flush();
      figures.scavengesPer100k = (scavenges * 100_000) / packets;
      const rtcpPackets = Math.max(1000, packets / 10);
      start = process.hrtime.bigint();
      for (let i = 0; i < rtcpPackets; i++) rtcpPacket();
      figures.rtcpMicros = Number(process.hrtime.bigint() - start) / rtcpPackets / 1000;
    } else {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('the alloc mode needs --expose-gc');
      // ArrayBuffers die in a sweep that runs after a collection, so settle before reading.
      const settle = async () => {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 100));
        gc();
      };
      const measure = async (packet: () => void): Promise<[number, number]> => {
        await settle();
        const from = performance.now();
        const before = process.memoryUsage();
        for (let i = 0; i < ALLOC_PACKETS; i++) packet();
        const after = process.memoryUsage();
        windows.push([from, performance.now()]);
        return [(after.heapUsed - before.heapUsed) / ALLOC_PACKETS, (after.arrayBuffers - before.arrayBuffers) / ALLOC_PACKETS];
      };
      [figures.rtpHeapBytes, figures.rtpBufferBytes] = await measure(rtpPacket);
      [figures.rtcpHeapBytes, figures.rtcpBufferBytes] = await measure(rtcpPacket);
      await flush();
      figures.collectionsDuringAlloc = collectionsInWindows;
    }
    observer.disconnect();
    process.stdout.write(JSON.stringify({ ...figures, sink }) + '\n');
  })();
}

function run(profileName: ProfileName, implementation: Implementation, mode: Mode, packets: number): Partial<Figures> {
  const flags = mode === 'alloc' ? ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64'] : [];
  const out = execFileSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--child', profileName, implementation, mode, String(packets)], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Partial<Figures>;
}

function main(): void {
  const { values } = parseArgs({ options: { packets: { type: 'string' }, repeat: { type: 'string' } }, strict: true });
  const packets = Number(values.packets ?? 100_000);
  const repeat = Number(values.repeat ?? 3);
  const variants = (Object.keys(PROFILES) as ProfileName[]).flatMap((profileName) => (['werift', 'gateway'] as const).map((implementation) => ({ profileName, implementation })));
  // Interleaved, so that a burst of someone else's load does not land on one variant only.
  const times = variants.map(() => [] as Partial<Figures>[]);
  for (let r = 0; r < repeat; r++) variants.forEach((v, i) => times[i]!.push(run(v.profileName, v.implementation, 'time', packets)));
  const rows: string[] = [];
  rows.push('| profile | ciphers | RTP µs/packet | RTP heap B/packet | RTP ArrayBuffer B/packet | scavenges per 100k RTP | RTCP µs/packet | RTCP heap B/packet | RTCP ArrayBuffer B/packet |');
  rows.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [i, { profileName, implementation }] of variants.entries()) {
    {
      const runs = times[i]!;
      const time: Partial<Figures> = {
        rtpMicros: median(runs.map((t) => t.rtpMicros!)),
        rtcpMicros: median(runs.map((t) => t.rtcpMicros!)),
        scavengesPer100k: median(runs.map((t) => t.scavengesPer100k!)),
      };
      const alloc = run(profileName, implementation, 'alloc', packets);
      if (alloc.collectionsDuringAlloc) console.error(`warning: ${alloc.collectionsDuringAlloc} collections during the allocation window of ${profileName}/${implementation}`);
      const f = (n: number | undefined, digits = 0) => (n === undefined ? '?' : n.toFixed(digits));
      rows.push(
        `| ${profileName} | ${implementation} | ${f(time.rtpMicros, 2)} | ${f(alloc.rtpHeapBytes)} | ${f(alloc.rtpBufferBytes)} | ${f(time.scavengesPer100k, 1)} | ${f(time.rtcpMicros, 2)} | ${f(alloc.rtcpHeapBytes)} | ${f(alloc.rtcpBufferBytes)} |`,
      );
    }
  }
  console.log(`SRTP protect + unprotect per packet, median of ${repeat} runs of ${packets} timed packets per variant, Node ${process.version}`);
  console.log(rows.join('\n'));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  child(PROFILES[args[1] as ProfileName], args[2] as Implementation, args[3] as Mode, Number(args[4]));
} else {
  main();
}
