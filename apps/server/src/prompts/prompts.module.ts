import { Module } from '@nestjs/common';
import { IvrAdminModule } from '../ivr/ivr-admin.module.js';
import { TelephonyModule } from '../telephony/telephony.module.js';
import { PromptFiles } from './prompt-files.js';
import { PromptSpeech } from './prompt-speech.js';
import { PromptsController } from './prompts.controller.js';
import { PromptsRepository } from './prompts.repository.js';
import { PromptsService } from './prompts.service.js';
import { WavDecoder } from './wav-decoder.js';

/** The administrator's prompts: uploaded WAVs in the prompts folder and text-to-speech. */
@Module({ imports: [TelephonyModule, IvrAdminModule], controllers: [PromptsController], providers: [PromptsRepository, PromptFiles, WavDecoder, PromptSpeech, PromptsService] })
export class PromptsModule {}
