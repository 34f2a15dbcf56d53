import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Injectable } from '@nestjs/common';
import { type DecodeOutcome } from './domain/wav-upload.js';

/**
 * Runs the gateway's own `decodeWav` on an upload, in a worker thread of its own, and hands
 * back the 8 kHz samples callers will hear (the service stores those). Resampling
 * a long file takes seconds (wavefile's resampler: about 7 s for a minute of 44.1 kHz
 * stereo), and this thread also ticks the embedded gateway's media engine every 20 ms.
 * The worker loads `@ccx/media-gateway/audio` only (wavefile, not the SIP and WebRTC stacks).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.moduleUrl).then(({ decodeWav, WavError, WavErrorCode }) => {
  try {
    const samples = decodeWav(workerData.bytes);
    parentPort.postMessage({ ok: true, samples8k: samples.length, samples }, [samples.buffer]);
  } catch (error) {
    const unsupported = error instanceof WavError && error.code === WavErrorCode.Unsupported;
    parentPort.postMessage({ ok: false, reason: unsupported ? 'unsupported' : 'unreadable', message: String(error && error.message) });
  }
});
`;

/** Longer than the slowest legal file (ten minutes at a high rate) should ever take. */
const DECODE_TIMEOUT_MS = 120_000;

@Injectable()
export class WavDecoder {
  private readonly moduleUrl = pathToFileURL(createRequire(import.meta.url).resolve('@ccx/media-gateway/audio')).href;

  /** decodeWav's verdict; rejects only if the worker itself fails (a bug, or out of memory). */
  decode(bytes: Uint8Array): Promise<DecodeOutcome> {
    return new Promise<DecodeOutcome>((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { moduleUrl: this.moduleUrl, bytes }, name: 'prompt-wav-check' });
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`decoding the WAV took over ${DECODE_TIMEOUT_MS / 1000} s`));
      }, DECODE_TIMEOUT_MS);
      const finish = () => {
        clearTimeout(timer);
        void worker.terminate();
      };
      worker.once('message', (outcome: DecodeOutcome) => {
        finish();
        resolve(outcome);
      });
      worker.once('error', (error) => {
        finish();
        reject(error);
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the WAV check worker exited with code ${code}`));
      });
    });
  }
}
