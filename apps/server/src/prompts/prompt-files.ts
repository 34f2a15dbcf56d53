import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import { type AppConfig } from '../config/config.js';

/**
 * The prompts folder (`DATA_DIR/prompts`), where the gateway reads the WAVs IVR flows play.
 * A file appears whole or not at all: written aside under a hidden temporary name, then
 * linked to its name, which fails rather than replace a file already there.
 *
 * One machine only: a gateway on another machine reads its own PROMPTS_DIR, which must be
 * this same folder (a shared mount) for uploads to reach it.
 */
@Injectable()
export class PromptFiles {
  readonly dir: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = config.sip.promptsDir;
  }

  /** Writes `fileName`; `taken` (and nothing written) if a file of that name is there already. */
  async add(fileName: string, bytes: Uint8Array): Promise<'added' | 'taken'> {
    await mkdir(this.dir, { recursive: true });
    const target = join(this.dir, fileName);
    const temporary = join(this.dir, `.${fileName}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, bytes, { flag: 'wx' });
      try {
        await link(temporary, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return 'taken';
        // A file system without hard links: check, then rename (a narrow race, on such systems only).
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
        if (await this.exists(fileName)) return 'taken';
        await rename(temporary, target);
      }
      return 'added';
    } finally {
      await rm(temporary, { force: true });
    }
  }

  async exists(fileName: string): Promise<boolean> {
    return stat(join(this.dir, fileName)).then(
      () => true,
      () => false,
    );
  }

  /** The file's bytes, or null if it is gone. */
  async read(fileName: string): Promise<Buffer | null> {
    try {
      return await readFile(join(this.dir, fileName));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(fileName: string): Promise<void> {
    await rm(join(this.dir, fileName), { force: true });
  }
}
