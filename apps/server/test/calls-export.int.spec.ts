import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_CSV_HEADERS } from '../src/calls/domain/csv.js';
import { apiClient, availableBackends, bootServer, type TestServer } from './harness.js';

/**
 * The CSV export of a big call log: `CALL_EXPORT_ROWS` call rows (default 3,000 so CI stays
 * quick; the 100,000-row figure in docs/benchmarks.md comes from
 * `CALL_EXPORT_ROWS=100000 vitest run --project integration test/calls-export.int.spec.ts`)
 * written straight into `calls` (the derived table the export reads), then exported whole and
 * filtered. It proves the export streams every row once, newest first, and that a filter
 * holds across the whole set; it prints the time and the server's peak memory growth.
 * The server runs in this process, so `process.memoryUsage()` is its memory.
 */
const ROWS = Number(process.env.CALL_EXPORT_ROWS ?? 3000);
/** `CALL_EXPORT_BACKEND=postgresql` (or `embedded`) measures one backend only. */
const backends = (await availableBackends()).filter((b) => !process.env.CALL_EXPORT_BACKEND || b === process.env.CALL_EXPORT_BACKEND);
const BATCH = 20_000;
const START = Date.parse('2024-06-01T00:00:00Z');

describe.each(backends)(`call export of ${ROWS} rows on %s`, (backend) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await bootServer(backend);
    token = (await apiClient(server.url).login('supervisor', 'super123!')).accessToken;
    // Row i starts i seconds after START; every 7th waited 40 s, the rest 5 s; caller numbers
    // are unique (+1555 and i in 7 digits). The detail lists are filled as a real call's are.
    for (let first = 0; first < ROWS; first += BATCH) {
      const last = Math.min(ROWS, first + BATCH) - 1;
      await server.database.prisma.$executeRawUnsafe(`
        INSERT INTO calls (id, direction, channel, caller_number, dialed_number, started_at, enqueued_at, answered_at, ended_at,
          wait_outcome, ended_by, end_cause, wait_seconds, talk_seconds, hold_seconds, hold_count, wrap_up_seconds, handle_seconds,
          disposition, notes, detail)
        SELECT gen_random_uuid(), 'inbound'::"CallDirection", (CASE WHEN i % 3 = 0 THEN 'web' ELSE 'trunk' END)::"CallChannel",
          '+1555' || lpad(i::text, 7, '0'), '1001', s, s + interval '2 second', s + interval '45 second', s + interval '300 second',
          'answered', 'customer', 'hangup', CASE WHEN i % 7 = 0 THEN 40 ELSE 5 END, 240.5, 12, 1, 30, 282.5,
          'resolved', 'Customer asked about "billing", resolved', jsonb_build_object(
            'ivrPath', jsonb_build_array(
              jsonb_build_object('flowId', 'f', 'nodeId', 'greeting', 'nodeType', 'play', 'at', s),
              jsonb_build_object('flowId', 'f', 'nodeId', 'menu', 'nodeType', 'menu', 'at', s + interval '1 second')),
            'ivrInputs', jsonb_build_array(jsonb_build_object('nodeId', 'menu', 'name', 'choice', 'value', '1', 'masked', false, 'status', 'ok', 'at', s)),
            'recordings', jsonb_build_array(jsonb_build_object('recordingId', 'r' || i, 'startedAt', s, 'stoppedAt', s, 'path', 'r' || i || '.wav', 'durationSeconds', 240)))
        FROM (SELECT i, to_timestamp(${START / 1000} + i) AS s FROM generate_series(${first}, ${last}) AS i) AS g`);
    }
  }, 600_000);
  afterAll(async () => {
    await server?.destroy();
  });

  /** Streams the export, keeping only counts and the first data rows; samples memory meanwhile. */
  async function exportCsv(query: string) {
    global.gc?.();
    const base = process.memoryUsage();
    const peak = { rss: base.rss, heapUsed: base.heapUsed };
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    }, 20);
    const started = performance.now();
    const response = await fetch(`${server.url}/api/calls/export.csv?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const decoder = new TextDecoder();
    let lines = 0;
    let bytes = 0;
    let head = '';
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      bytes += chunk.byteLength;
      const text = decoder.decode(chunk, { stream: true });
      // The generated notes hold no line break, so every CRLF ends a row.
      lines += text.split('\r\n').length - 1;
      if (head.length < 4000) head += text;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
    const figures = { backend, rows: lines - 1, seconds: Math.round(seconds * 100) / 100, mb: mb(bytes), peakRssGrowthMb: mb(peak.rss - base.rss), peakHeapGrowthMb: mb(peak.heapUsed - base.heapUsed) };
    console.log(`call export ${query || '(all)'}: ${JSON.stringify(figures)}`);
    return { lines, bytes, head: head.split('\r\n'), figures };
  }

  it('streams every row once, newest first, with the header first', async () => {
    const { lines, head, figures } = await exportCsv('');
    expect(lines).toBe(ROWS + 1);
    expect(head[0]).toBe(CALL_CSV_HEADERS.join(','));
    const caller = CALL_CSV_HEADERS.indexOf('caller_number');
    // The newest call is the last one written; the one before it follows.
    expect(head[1]!.split(',')[caller]).toBe(`'+1555${String(ROWS - 1).padStart(7, '0')}`);
    expect(head[2]!.split(',')[caller]).toBe(`'+1555${String(ROWS - 2).padStart(7, '0')}`);
    // Streamed a page at a time: the server never holds the whole file (a bound that only
    // bites at benchmark size, where the CSV is far larger than this).
    expect(figures.peakHeapGrowthMb).toBeLessThan(256);
  }, 600_000);

  it('exports only the filtered rows from the big set', async () => {
    const waited = await exportCsv('minWaitSeconds=30&channel=trunk');
    // i % 7 === 0 and i % 3 !== 0.
    let expected = 0;
    for (let i = 0; i < ROWS; i++) if (i % 7 === 0 && i % 3 !== 0) expected++;
    expect(waited.lines).toBe(expected + 1);
    const one = await exportCsv(`callerNumber=${encodeURIComponent(`+1555${String(ROWS - 5).padStart(7, '0')}`)}`);
    expect(one.lines).toBe(2);
  }, 600_000);
});
