import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import {
  apiRoutes,
  type CreateSpeechPromptRequest,
  CreateSpeechPromptRequestSchema,
  IdParamSchema,
  MAX_PROMPT_BYTES,
  PromptErrorCode,
  type PromptList,
  type PromptRecord,
  type SessionUser,
  toFieldIssues,
  type UploadWavPromptQuery,
  UploadWavPromptQuerySchema,
} from '@ccx/contracts';
import type { Request, Response } from 'express';
import { type z } from 'zod';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { AppError } from '../common/app-error.js';
import { Route } from '../common/route.decorator.js';
import { parseInput, ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { PromptsService } from './prompts.service.js';
import { readLimitedBody } from './request-body.js';

const idParam = new ZodValidationPipe(IdParamSchema);
/** What a WAV upload may be sent as; browsers name a .wav file any of the first three. */
const WAV_MEDIA_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave', 'application/octet-stream'];

/**
 * Prompts for the administrator. A WAV is uploaded as the request body itself (Content-Type
 * audio/wav, the name in the query string): no base64, no multipart, and the JSON body limit
 * stays small; the body is read here with the prompts' own size limit.
 */
@Controller()
export class PromptsController {
  constructor(private readonly prompts: PromptsService) {}

  @Route(apiRoutes.listPrompts)
  async list(): Promise<PromptList> {
    return { prompts: await this.prompts.list() };
  }

  @Route(apiRoutes.uploadWavPrompt)
  async uploadWav(@CurrentUser() actor: SessionUser, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<PromptRecord> {
    const query = parseNamed(UploadWavPromptQuerySchema, request.query) satisfies UploadWavPromptQuery;
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!WAV_MEDIA_TYPES.includes(mediaType)) {
      const message = `send the WAV file itself as the body, with Content-Type audio/wav (not ${mediaType || 'no Content-Type'})`;
      throw new AppError(PromptErrorCode.NotWav, message, { issues: [{ path: 'file', message }] });
    }
    const body = await readLimitedBody(request, MAX_PROMPT_BYTES);
    if ('tooBig' in body) {
      if (body.closeAfterAnswer) response.setHeader('Connection', 'close');
      const message = `the file is larger than ${MAX_PROMPT_BYTES / (1024 * 1024)} MB`;
      throw new AppError(PromptErrorCode.TooBig, message, { issues: [{ path: 'file', message }] });
    }
    return this.prompts.uploadWav(actor, query.name, body.bytes);
  }

  @Route(apiRoutes.createSpeechPrompt)
  createSpeech(@CurrentUser() actor: SessionUser, @Body() body: unknown): Promise<PromptRecord> {
    return this.prompts.createSpeech(actor, parseNamed(CreateSpeechPromptRequestSchema, body) satisfies CreateSpeechPromptRequest);
  }

  @Route(apiRoutes.getPromptAudio)
  async audio(@Param(idParam) params: { id: string }, @Res() response: Response): Promise<void> {
    const { prompt, wav } = await this.prompts.audio(params.id);
    response.status(apiRoutes.getPromptAudio.success.status);
    response.setHeader('Content-Type', 'audio/wav');
    response.setHeader('Content-Length', String(wav.byteLength));
    response.setHeader('Content-Disposition', `inline; filename="${prompt.name}.wav"`);
    response.setHeader('Cache-Control', 'private, no-store');
    response.end(Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength));
  }

  @Route(apiRoutes.deletePrompt)
  delete(@CurrentUser() actor: SessionUser, @Param(idParam) params: { id: string }): Promise<void> {
    return this.prompts.delete(actor, params.id);
  }
}

/**
 * Parses with the contract's schema; a bad name is `prompts/bad-name` (it becomes a file
 * name, so it has a rule of its own), any other bad field the usual `request/invalid`.
 */
function parseNamed<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issues = toFieldIssues(result.error);
    const name = issues.find((issue) => issue.path === 'name');
    if (name) throw new AppError(PromptErrorCode.BadName, `name: ${name.message}`, { issues });
  }
  return parseInput(schema, value);
}
