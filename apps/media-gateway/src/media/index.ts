/** The gateway's media primitives: pure processing on 20 ms frames, no I/O. */
export * from './frame.js';
export * from './g711.js';
export * from './tone.js';
export * from './tone-detector.js';
export * from './rtp-packet.js';
export * from './telephone-event.js';
export * from './inband-dtmf-detector.js';
export * from './mixer.js';
export * from './player.js';
export * from './recorder.js';
export * from './jitter-buffer.js';
