import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { type ApiError, ErrorCode } from '@ccx/contracts';
import type { Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppError, httpStatusOf } from './app-error.js';

/** Turns every failure of an HTTP request into an ApiError body with the right status. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const { status, body } = this.toApiError(exception, request);
    if (status >= 500) this.logger.error({ err: exception, path: request.originalUrl }, 'request failed');
    if (body.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(body.retryAfterSeconds));
    response.status(status).json(body);
  }

  private toApiError(exception: unknown, request: Request): { status: number; body: ApiError } {
    if (exception instanceof AppError) {
      return {
        status: httpStatusOf(exception),
        body: { code: exception.code, message: exception.message, ...exception.details },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Express's body parser: malformed JSON or an oversized body.
      if (status === 400) return { status, body: { code: ErrorCode.Validation, message: 'request body is not valid JSON' } };
      if (status === 404) {
        return { status, body: { code: ErrorCode.NotFound, message: `no route ${request.method} ${request.path}` } };
      }
      return { status, body: { code: `http/${status}`, message: exception.message } };
    }
    const parserError = exception as { type?: string; status?: number };
    if (parserError?.type === 'entity.too.large') {
      return { status: 413, body: { code: ErrorCode.Validation, message: 'request body too large' } };
    }
    if (parserError?.type === 'entity.parse.failed') {
      return { status: 400, body: { code: ErrorCode.Validation, message: 'request body is not valid JSON' } };
    }
    return { status: 500, body: { code: 'server/internal', message: 'internal error; the request id is in the logs' } };
  }
}
