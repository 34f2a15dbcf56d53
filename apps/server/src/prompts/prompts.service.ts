import { Injectable } from '@nestjs/common';
import { type CreateSpeechPromptRequest, ErrorCode, PromptErrorCode, type PromptRecord, type SessionUser } from '@ccx/contracts';
import { encodePcm16Wav, SAMPLE_RATE } from '@ccx/media-gateway/audio';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { IvrFlowsRepository } from '../ivr/ivr-flows.repository.js';
import { filesPlayedBy } from './domain/flow-files.js';
import { judgeDecoded, type PromptProblem, uploadProblem } from './domain/wav-upload.js';
import { PromptFiles } from './prompt-files.js';
import { PromptSpeech } from './prompt-speech.js';
import { PromptsRepository } from './prompts.repository.js';
import { WavDecoder } from './wav-decoder.js';

/**
 * The administrator's prompts. An upload is checked by the gateway's own decoder before
 * anything is written; then its row and its file appear together or not at all (the row
 * first, for the unique name; the file linked into the prompts folder without replacing
 * one; the row removed again if the file cannot be written). A speech prompt is rendered
 * once when it is created, so a text the synthesizer cannot say is refused at once and the
 * list shows its duration. Every create and delete is audited.
 */
@Injectable()
export class PromptsService {
  constructor(
    private readonly repository: PromptsRepository,
    private readonly files: PromptFiles,
    private readonly decoder: WavDecoder,
    private readonly speech: PromptSpeech,
    private readonly flows: IvrFlowsRepository,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<PromptRecord[]> {
    return this.repository.list();
  }

  async uploadWav(actor: SessionUser, name: string, bytes: Uint8Array): Promise<PromptRecord> {
    const early = uploadProblem(bytes);
    if (early) throw problemError(early);
    await this.refuseTakenName(name);
    const decoded = await this.decoder.decode(bytes);
    const verdict = judgeDecoded(decoded);
    if (!verdict.ok) throw problemError(verdict.problem);
    // Stored as the gateway plays it (8 kHz, mono, 16-bit): its first play decodes at once
    // instead of resampling on the media thread, and Listen is what callers hear.
    const samples = decoded.ok ? decoded.samples : undefined;
    if (!samples) throw new Error('the WAV check handed back no samples');
    const stored = encodePcm16Wav(samples, SAMPLE_RATE);

    const fileName = `${name}.wav`;
    const prompt = await this.repository.create({ name, kind: 'wav', text: null, language: null, fileName, bytes: stored.length, durationMs: verdict.durationMs, createdById: actor.id });
    if (prompt === 'taken') throw nameTaken(name);
    let written: 'added' | 'taken';
    try {
      written = await this.files.add(fileName, stored);
    } catch (error) {
      await this.repository.delete(prompt.id);
      throw error;
    }
    if (written === 'taken') {
      await this.repository.delete(prompt.id);
      throw new AppError(PromptErrorCode.NameTaken, `the prompts folder already has a file ${fileName}`, { issues: [{ path: 'name', message: `a file ${fileName} is already in the prompts folder` }] });
    }
    await this.audit.record({ actorId: actor.id, action: 'prompts/upload', targetType: 'prompt', targetId: prompt.id, data: { name, fileName, uploadedBytes: bytes.length, bytes: stored.length, durationMs: verdict.durationMs } });
    return prompt;
  }

  async createSpeech(actor: SessionUser, input: CreateSpeechPromptRequest): Promise<PromptRecord> {
    await this.refuseTakenName(input.name);
    const samples = await this.speech.render(input.text, input.language);
    const prompt = await this.repository.create({
      name: input.name,
      kind: 'speech',
      text: input.text,
      language: input.language,
      fileName: null,
      bytes: encodedBytes(samples.length),
      durationMs: Math.round((samples.length * 1000) / SAMPLE_RATE),
      createdById: actor.id,
    });
    if (prompt === 'taken') throw nameTaken(input.name);
    await this.audit.record({ actorId: actor.id, action: 'prompts/create-speech', targetType: 'prompt', targetId: prompt.id, data: { name: input.name, text: input.text, language: input.language } });
    return prompt;
  }

  /** What callers hear: an upload as stored (8 kHz), a speech prompt rendered by the gateway's synthesizer. */
  async audio(id: string): Promise<{ prompt: PromptRecord; wav: Uint8Array }> {
    const prompt = await this.find(id);
    if (prompt.kind === 'speech') {
      const samples = await this.speech.render(prompt.text ?? '', prompt.language ?? 'en');
      return { prompt, wav: encodePcm16Wav(samples, SAMPLE_RATE) };
    }
    const wav = await this.files.read(prompt.fileName ?? '');
    if (!wav) throw new AppError(ErrorCode.NotFound, `the file ${prompt.fileName} of prompt ${prompt.name} is missing from the prompts folder`);
    return { prompt, wav };
  }

  async delete(actor: SessionUser, id: string): Promise<void> {
    const prompt = await this.find(id);
    if (prompt.fileName) {
      const playedBy = (await this.flows.publishedFlows()).filter((flow) => filesPlayedBy(flow.definition).has(prompt.fileName!)).map((flow) => flow.name);
      if (playedBy.length > 0) {
        throw new AppError(PromptErrorCode.InUse, `${prompt.fileName} is played by the published flow${playedBy.length > 1 ? 's' : ''} ${playedBy.join(', ')}`);
      }
    }
    await this.repository.delete(id);
    // The row goes first: a file left behind (a failed delete) only blocks its name, visibly.
    if (prompt.fileName) await this.files.remove(prompt.fileName);
    await this.audit.record({ actorId: actor.id, action: 'prompts/delete', targetType: 'prompt', targetId: id, data: { name: prompt.name, kind: prompt.kind } });
  }

  private async find(id: string): Promise<PromptRecord> {
    const prompt = await this.repository.find(id);
    if (!prompt) throw new AppError(ErrorCode.NotFound, `no prompt ${id}`);
    return prompt;
  }

  private async refuseTakenName(name: string): Promise<void> {
    if (await this.repository.nameTaken(name)) throw nameTaken(name);
  }
}

function problemError(problem: PromptProblem): AppError {
  return new AppError(problem.code, problem.message, { issues: [{ path: 'file', message: problem.message }] });
}

function nameTaken(name: string): AppError {
  return new AppError(PromptErrorCode.NameTaken, `a prompt named ${name} already exists`, { issues: [{ path: 'name', message: 'already taken' }] });
}

/** A 44-byte header and two bytes a sample: the size of the WAV `audio` answers. */
function encodedBytes(samples: number): number {
  return 44 + samples * 2;
}
