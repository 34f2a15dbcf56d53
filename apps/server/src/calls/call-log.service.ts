import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { type CallList, type CallListQuery, type CallRecord, type CallTimeline, ErrorCode } from '@ccx/contracts';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG } from '../config/config.module.js';
import { type AppConfig } from '../config/config.js';
import { type CallFilter, CallsRepository } from './calls.repository.js';
import { type CallLogCursor, decodeCallLogCursor, encodeCallLogCursor } from './domain/call-log-cursor.js';
import { toCallEventDto } from './domain/call-record-dto.js';

/** Pages of the export: small enough to hold, big enough that a long export is few queries. */
const EXPORT_PAGE = 500;

/** Reading the call log: pages of records, a call's timeline, every record for the export. */
@Injectable()
export class CallLogService {
  private readonly recordingsDir: string;

  constructor(
    private readonly calls: CallsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Where the gateway writes them (telephony passes it the same folder).
    this.recordingsDir = join(config.dataDir, 'recordings');
  }

  async list(query: CallListQuery): Promise<CallList> {
    const { cursor: cursorText, limit, ...filter } = query;
    const cursor = cursorText === undefined ? null : decodeCallLogCursor(cursorText);
    if (cursorText !== undefined && cursor === null) {
      throw new AppError(ErrorCode.Validation, 'cursor: not a cursor this server issued', {
        issues: [{ path: 'cursor', message: 'not a cursor this server issued' }],
      });
    }
    // One more than asked tells whether another page follows.
    const rows = await this.calls.page(filter, cursor, limit + 1);
    const calls = rows.slice(0, limit);
    const last = calls.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCallLogCursor({ startedAt: Date.parse(last.startedAt), id: last.id }) : null;
    return { calls, nextCursor };
  }

  async timeline(callId: string): Promise<CallTimeline> {
    const events = await this.calls.timeline(callId);
    if (!events) throw new AppError(ErrorCode.NotFound, `no call ${callId}`);
    return { callId, events: events.map(toCallEventDto) };
  }

  /**
   * The file of a call's recording or voicemail, as the call's timeline names it. Only a
   * file name the timeline holds is ever opened, inside the recordings folder: the request
   * names a recording, never a path.
   */
  async recordingFile(callId: string, recordingId: string): Promise<{ path: string; bytes: number }> {
    const events = await this.calls.timeline(callId);
    if (!events) throw new AppError(ErrorCode.NotFound, `no call ${callId}`);
    const filed = events.find((e) => (e.type === 'recording.stopped' || e.type === 'voicemail.left') && e.data.recordingId === recordingId && e.data.path);
    const file = filed && (filed.type === 'recording.stopped' || filed.type === 'voicemail.left') ? filed.data.path : null;
    if (!file) throw new AppError(ErrorCode.NotFound, `call ${callId} has no recording ${recordingId} on file`);
    const path = join(this.recordingsDir, basename(file));
    const found = await stat(path).catch(() => null);
    if (!found?.isFile()) throw new AppError(ErrorCode.NotFound, `the file of recording ${recordingId} is missing`);
    return { path, bytes: found.size };
  }

  /** Every record matching `filter`, newest first, read a page at a time as the consumer pulls. */
  async *records(filter: CallFilter, pageSize = EXPORT_PAGE): AsyncGenerator<CallRecord> {
    let cursor: CallLogCursor | null = null;
    for (;;) {
      const page = await this.calls.page(filter, cursor, pageSize);
      yield* page;
      const last = page.at(-1);
      if (page.length < pageSize || !last) return;
      cursor = { startedAt: Date.parse(last.startedAt), id: last.id };
    }
  }
}
