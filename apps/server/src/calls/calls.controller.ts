import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Controller, Param, Res } from '@nestjs/common';
import { apiRoutes, type CallExportQuery, type CallList, type CallListQuery, type CallRecordingParams, CallRecordingParamsSchema, type CallTimeline, IdParamSchema } from '@ccx/contracts';
import type { Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { Route, RouteQuery } from '../common/route.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { CallLogService } from './call-log.service.js';
import { callCsvHeader, callCsvRow } from './domain/csv.js';

const idParam = new ZodValidationPipe(IdParamSchema);
const recordingParams = new ZodValidationPipe(CallRecordingParamsSchema);

/** The call log for supervisors and admins: records, a call's timeline, its recordings, the CSV export. */
@Controller()
export class CallsController {
  constructor(
    private readonly log: CallLogService,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(CallsController.name);
  }

  @Route(apiRoutes.listCalls)
  list(@RouteQuery() query: CallListQuery): Promise<CallList> {
    return this.log.list(query);
  }

  /**
   * Streams the CSV as pages come from the database (one page in memory, whatever the size
   * of the export); a slow client holds back the reading, a client that goes away stops it.
   */
  @Route(apiRoutes.exportCalls)
  async export(@RouteQuery() query: CallExportQuery, @Res() response: Response): Promise<void> {
    const records = this.log.records(query);
    try {
      // The first page is read before anything is sent: if the database fails now, the
      // client still gets a proper error answer instead of a CSV cut short.
      let next = await records.next();
      const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
      response.status(apiRoutes.exportCalls.success.status);
      response.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
      response.setHeader('Content-Disposition', `attachment; filename="calls-${stamp}.csv"`);
      response.setHeader('Cache-Control', 'no-store');
      await write(response, callCsvHeader());
      while (!next.done && !response.destroyed) {
        await write(response, callCsvRow(next.value));
        next = await records.next();
      }
      response.end();
    } catch (error) {
      if (!response.headersSent) throw error;
      // The status line is gone: all that is left is to cut the download short, so the
      // client sees a broken transfer rather than a file that looks complete.
      this.logger.error({ err: error }, 'call export failed mid-stream');
      response.destroy();
    } finally {
      await records.return(undefined);
    }
  }

  @Route(apiRoutes.listCallEvents)
  events(@Param(idParam) params: { id: string }): Promise<CallTimeline> {
    return this.log.timeline(params.id);
  }

  @Route(apiRoutes.getCallRecording)
  async recording(@Param(recordingParams) params: CallRecordingParams, @Res() response: Response): Promise<void> {
    const file = await this.log.recordingFile(params.id, params.recordingId);
    response.status(apiRoutes.getCallRecording.success.status);
    response.setHeader('Content-Type', 'audio/wav');
    response.setHeader('Content-Length', String(file.bytes));
    response.setHeader('Content-Disposition', `inline; filename="${params.recordingId}.wav"`);
    response.setHeader('Cache-Control', 'private, no-store');
    // A client that goes away ends the stream; there is nothing to tell it any more.
    await pipeline(createReadStream(file.path), response).catch((error: unknown) => this.logger.debug({ err: error }, 'recording download ended early'));
  }
}

/**
 * Writes a chunk; when the socket's buffer is full, waits for it to drain (or the client to
 * go). The listener that did not fire is removed: a long export waits thousands of times,
 * and listeners left behind would pile up on the response.
 */
async function write(response: Response, chunk: string): Promise<void> {
  if (response.write(chunk)) return;
  const settled = new AbortController();
  try {
    await Promise.race([once(response, 'drain', { signal: settled.signal }), once(response, 'close', { signal: settled.signal })]);
  } finally {
    settled.abort();
  }
}
