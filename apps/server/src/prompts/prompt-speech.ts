import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type FlowLanguage, PromptErrorCode } from '@ccx/contracts';
import { SpeechSynthesizer } from '@ccx/media-gateway/audio';
import { APP_CONFIG } from '../config/config.module.js';
import { type AppConfig } from '../config/config.js';
import { AppError } from '../common/app-error.js';
import { TelephonyService } from '../telephony/telephony.service.js';

/**
 * Text-to-speech for the prompts admin, by the same synthesizer callers hear: the embedded
 * gateway's own (its eSpeak NG worker and caches). With the gateway in another process, a
 * synthesizer of the same code is made here on first use, on the same speech cache folder,
 * so a text rendered by either is rendered once.
 */
@Injectable()
export class PromptSpeech implements OnApplicationShutdown {
  private own: SpeechSynthesizer | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly telephony: TelephonyService,
  ) {}

  /** The text as 8 kHz mono 16-bit samples; `prompts/speech-failed` if the engine fails. */
  async render(text: string, language: FlowLanguage): Promise<Int16Array> {
    try {
      return await this.synthesizer().synthesize({ text, language });
    } catch (error) {
      throw new AppError(PromptErrorCode.SpeechFailed, `the speech synthesizer could not say this text: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.own?.close();
    this.own = null;
  }

  private synthesizer(): SpeechSynthesizer {
    const embedded = this.telephony.speechSynthesizer();
    if (embedded) return embedded;
    this.own ??= new SpeechSynthesizer({ cacheDir: this.config.sip.speechCacheDir });
    return this.own;
  }
}
