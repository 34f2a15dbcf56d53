/**
 * The one media model of the gateway: every leg yields and takes frames of 20 ms of mono
 * linear PCM, 16-bit signed, at 8 kHz (G.711's rate), i.e. 160 samples. Players, the mixer,
 * the DTMF detector and the recorder all speak this model; codecs sit at the leg's edge.
 */
export const SAMPLE_RATE = 8000;
export const FRAME_MS = 20;
export const SAMPLES_PER_FRAME = (SAMPLE_RATE * FRAME_MS) / 1000; // 160

/** 160 samples of 16-bit PCM. Treat as immutable once handed on. */
export type PcmFrame = Int16Array;

export function silence(): PcmFrame {
  return new Int16Array(SAMPLES_PER_FRAME);
}
