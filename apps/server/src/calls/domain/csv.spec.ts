import { describe, expect, it } from 'vitest';
import { toCallRecordDto } from './call-record-dto.js';
import { ids, iso, timeline } from './call-timeline.fixture.js';
import { CALL_CSV_HEADERS, callCsvHeader, callCsvLines, callCsvLinesAsync, callCsvRow, csvCell, csvLine } from './csv.js';

const { agentA, sales } = ids;

/** Splits one RFC 4180 line (as `csvLine` writes it) back into cells. */
function parseLine(line: string): string[] {
  expect(line.endsWith('\r\n')).toBe(true);
  const cells: string[] = [];
  const text = line.slice(0, -2);
  let i = 0;
  while (i <= text.length) {
    if (text[i] === '"') {
      let cell = '';
      i += 1;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') break;
        else cell += text[i++];
      }
      cells.push(cell);
      i += 2; // closing quote and comma
    } else {
      const end = text.indexOf(',', i);
      cells.push(text.slice(i, end === -1 ? text.length : end));
      i = end === -1 ? text.length + 1 : end + 1;
    }
  }
  return cells;
}

const answered = () =>
  toCallRecordDto(
    timeline()
      .started({ ani: '+15555550100' })
      .at(2).enqueued(sales)
      .at(9.5).answered(agentA)
      .at(70).ended('customer')
      .wrapUp(agentA, 70, 100)
      .add('disposition.set', { agentId: agentA, code: 'resolved', notes: 'said "thanks", then\nhung up' })
      .record(),
  );

describe('call CSV', () => {
  it('writes a header and one row per call with a cell per column', () => {
    const header = callCsvHeader();
    expect(parseLine(header)).toEqual(CALL_CSV_HEADERS);
    const cells = parseLine(callCsvRow(answered()));
    expect(cells).toHaveLength(CALL_CSV_HEADERS.length);
    const row = Object.fromEntries(CALL_CSV_HEADERS.map((h, i) => [h, cells[i]]));
    expect(row).toMatchObject({
      call_id: ids.call,
      caller_number: "'+15555550100",
      started_at: iso(0),
      enqueued_at: iso(2),
      answered_at: iso(9.5),
      ended_at: iso(70),
      queue_id: sales,
      agents: agentA,
      wait_seconds: '7.5',
      talk_seconds: '60.5',
      hold_seconds: '0',
      wrap_up_seconds: '30',
      handle_seconds: '90.5',
      ended_by: 'customer',
      disposition: 'resolved',
      notes: 'said "thanks", then\nhung up',
      survey_score: '',
      entry_point: '',
    });
  });

  it('quotes cells with quotes, commas and line breaks (RFC 4180)', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r'])).toBe('plain,"a,b","say ""hi""","two\nlines","cr\r"\r\n');
    expect(csvLine([null, 1.23456, 0, true])).toBe(',1.235,0,true\r\n');
  });

  it('guards against formula injection by prefixing a quote to cells a spreadsheet would run', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=1')).toBe('a=1');
    // Numbers we format ourselves are never prefixed.
    expect(csvCell(-1)).toBe('-1');
  });

  it('streams the header first, then the rows, from a list or page by page', async () => {
    const records = [answered(), toCallRecordDto(timeline().started().enqueued().at(3).abandoned().record())];
    const lines = [...callCsvLines(records)];
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(callCsvHeader());
    async function* pages() {
      yield* records;
    }
    const streamed: string[] = [];
    for await (const line of callCsvLinesAsync(pages())) streamed.push(line);
    expect(streamed).toEqual(lines);
    expect(parseLine(lines[2]!)[CALL_CSV_HEADERS.indexOf('end_cause')]).toBe('abandoned');
  });
});
