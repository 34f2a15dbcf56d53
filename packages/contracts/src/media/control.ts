import { z } from 'zod';

/**
 * The media gateway's control API, in the style of Asterisk's ARI: the server sends
 * commands, the gateway reports events. The gateway holds no business rules; IVR, ACD and
 * CRM decide, by commands, what happens to each leg. The same messages travel in-process
 * (embedded gateway) and over the gateway's control WebSocket (separate processes).
 *
 * A call is a set of legs (one per party, each a SIP dialog with its media); bridges mix
 * legs, with a role per participant.
 */
const LegId = z.string().min(1).max(64);
const BridgeId = z.string().min(1).max(64);

export const ParticipantRoleSchema = z.enum(['talk', 'listen', 'whisper', 'barge']);
export type ParticipantRole = z.infer<typeof ParticipantRoleSchema>;
export const ParticipantKindSchema = z.enum(['customer', 'agent', 'supervisor', 'other']);

export const PromptSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1) }),
  z.object({ kind: z.literal('speech'), text: z.string().min(1).max(2000), language: z.enum(['en', 'zh']).default('en') }),
  z.object({ kind: z.literal('tone'), frequencies: z.array(z.number().min(20).max(4000)).min(1).max(2), durationMs: z.number().int().positive().max(600_000) }),
  z.object({ kind: z.literal('music') }),
]);
export type Prompt = z.infer<typeof PromptSchema>;

export const DestinationSchema = z.discriminatedUnion('kind', [
  /** A registered softphone (an agent's extension, a supervisor's `u.<name>`). */
  z.object({ kind: z.literal('user'), sipUser: z.string().min(1).max(64) }),
  /** The phone network through SIP_TRUNK_URI. */
  z.object({ kind: z.literal('trunk'), number: z.string().regex(/^\+?[0-9*#]{2,20}$/) }),
]);
export type Destination = z.infer<typeof DestinationSchema>;

/**
 * `near` (answer, originate): the leg this one will be bridged with. The gateway puts both
 * legs' media in the same media worker, so a direct bridge between them relays inside it
 * instead of crossing threads. A leg that is gone, or unknown, changes nothing.
 */
export const GatewayCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('answer'), legId: LegId, near: LegId.optional() }),
  z.object({ command: z.literal('reject'), legId: LegId, status: z.number().int().min(400).max(699).default(486) }),
  z.object({ command: z.literal('ring'), legId: LegId }),
  z.object({ command: z.literal('play'), legId: LegId, playbackId: z.string().min(1).max(64), prompts: z.array(PromptSchema).min(1).max(20), loop: z.boolean().default(false), interruptOnDigit: z.boolean().default(false) }),
  z.object({ command: z.literal('stopPlayback'), legId: LegId, playbackId: z.string() }),
  /**
   * Asks for a `mediaStats` event about bridged audio since the last reset: the jitter the
   * gateway adds to what it sends (the irregularity of each outgoing stream's send instants)
   * and the delay from a frame's decoding to the sending of the frame made from it.
   */
  z.object({ command: z.literal('mediaStats'), reset: z.boolean().default(false) }),
  /** Renders speech prompts ahead of their first play (an IVR flow when it loads); answers once they are ready. */
  z.object({ command: z.literal('preparePrompts'), prompts: z.array(PromptSchema).min(1).max(100) }),
  /**
   * The numbers the phone network and web visitors may call from now on (the entry numbers
   * of the published IVR flows), replacing the list the gateway started with. Any other
   * number is still refused by the gateway itself, before the server hears of it.
   */
  z.object({ command: z.literal('setPublicNumbers'), numbers: z.array(z.string().regex(/^\+?[0-9]{2,20}$/, 'a number is 2–20 digits, optionally after "+"')).max(1000) }),
  z.object({
    command: z.literal('collect'),
    legId: LegId,
    minDigits: z.number().int().min(1).max(32).default(1),
    maxDigits: z.number().int().min(1).max(32),
    terminator: z.enum(['#', '*']).nullable().default('#'),
    firstDigitTimeoutMs: z.number().int().positive().max(120_000).default(5000),
    interDigitTimeoutMs: z.number().int().positive().max(60_000).default(3000),
  }),
  z.object({ command: z.literal('bridge'), bridgeId: BridgeId, legIds: z.array(LegId).min(2).max(2) }),
  z.object({ command: z.literal('unbridge'), bridgeId: BridgeId }),
  z.object({ command: z.literal('hold'), legId: LegId, music: z.boolean().default(true) }),
  z.object({ command: z.literal('unhold'), legId: LegId }),
  z.object({ command: z.literal('recordStart'), bridgeId: BridgeId, recordingId: z.string().min(1).max(64) }),
  /**
   * Records what one leg sends (a voicemail): mono, until `recordStop`, a key of `stopDigits`,
   * `maxDurationMs`, or the leg's hang-up; `recordingDone` says which.
   */
  z.object({
    command: z.literal('recordLeg'),
    legId: LegId,
    recordingId: z.string().min(1).max(64),
    maxDurationMs: z.number().int().min(1000).max(600_000).default(120_000),
    stopDigits: z.string().regex(/^[0-9*#]{0,4}$/, 'up to four keys 0-9, *, #').default('#'),
  }),
  z.object({ command: z.literal('recordStop'), recordingId: z.string() }),
  z.object({ command: z.literal('originate'), legId: LegId, to: DestinationSchema, callerId: z.string().max(64).optional(), timeoutMs: z.number().int().positive().max(120_000).default(30_000), near: LegId.optional() }),
  z.object({ command: z.literal('transfer'), legId: LegId, to: DestinationSchema }),
  z.object({ command: z.literal('addParticipant'), bridgeId: BridgeId, legId: LegId, role: ParticipantRoleSchema, kind: ParticipantKindSchema }),
  z.object({ command: z.literal('changeRole'), bridgeId: BridgeId, legId: LegId, role: ParticipantRoleSchema }),
  /** Key presses towards the leg: RFC 4733 events where negotiated, else in-band tones (a playback). */
  z.object({ command: z.literal('sendDigits'), legId: LegId, digits: z.string().regex(/^[0-9*#A-D]{1,32}$/, 'keys 0-9, *, #, A-D'), durationMs: z.number().int().min(40).max(2000).default(100) }),
  z.object({ command: z.literal('hangup'), legId: LegId, cause: z.enum(['normal', 'busy', 'rejected', 'failure']).default('normal') }),
]);
export type GatewayCommand = z.infer<typeof GatewayCommandSchema>;
export type GatewayCommandInput = z.input<typeof GatewayCommandSchema>;

export const HangupCauseSchema = z.enum([
  'remote-bye',
  'local',
  'cancelled',
  'rejected',
  'busy',
  'no-answer',
  'setup-timeout',
  'media-timeout',
  'connection-lost',
  'failure',
]);
export type HangupCause = z.infer<typeof HangupCauseSchema>;

export const GatewayEventSchema = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('incoming'),
    legId: LegId,
    channel: z.enum(['web', 'trunk']),
    /** Caller number or identity (ANI) and the number or entry point dialed (DNIS). */
    from: z.string(),
    to: z.string(),
    /** The authenticated softphone user placing the call, if any. */
    sipUser: z.string().nullable(),
    at: z.number(),
  }),
  z.object({ event: z.literal('ringing'), legId: LegId, at: z.number() }),
  z.object({ event: z.literal('answered'), legId: LegId, at: z.number() }),
  z.object({ event: z.literal('digit'), legId: LegId, digit: z.string().regex(/^[0-9*#A-D]$/), durationMs: z.number(), source: z.enum(['rfc4733', 'info', 'inband']), at: z.number() }),
  z.object({ event: z.literal('collected'), legId: LegId, digits: z.string(), reason: z.enum(['max-digits', 'terminator', 'timeout']), at: z.number() }),
  z.object({ event: z.literal('playbackDone'), legId: LegId, playbackId: z.string(), reason: z.enum(['finished', 'stopped', 'interrupted', 'failed']), at: z.number() }),
  z.object({ event: z.literal('held'), legId: LegId, held: z.boolean(), at: z.number() }),
  z.object({
    event: z.literal('recordingDone'),
    recordingId: z.string(),
    path: z.string(),
    durationMs: z.number(),
    /** Why it ended: a `recordStop` (or the bridge ended), a stop key, the length limit, or the leg hung up. */
    reason: z.enum(['stopped', 'digit', 'max-duration', 'hangup']).default('stopped'),
    at: z.number(),
  }),
  z.object({ event: z.literal('hangup'), legId: LegId, cause: HangupCauseSchema, at: z.number() }),
  /** Answer to the mediaStats command; figures are null without media workers or frames. */
  z.object({
    event: z.literal('mediaStats'),
    /** Streams and frames of the decode→send figures below. */
    streams: z.number().int(),
    frames: z.number().int(),
    /** Decode→send delay: from a frame's decoding to the sending of the frame made from it. */
    addedDelayP50Ms: z.number().nullable(),
    /**
     * Decode→send variation: per stream, |delay − the stream's median|. Not the jitter the
     * gateway adds: the delay includes the playout buffer's wait, so the input's own
     * irregularity shows in it (a frame sent late waits less).
     */
    addedJitterP99Ms: z.number().nullable(),
    addedJitterMaxMs: z.number().nullable(),
    /** Streams and frames of the send jitter figures: bridged audio each leg was sent. */
    sendStreams: z.number().int().default(0),
    sendFrames: z.number().int().default(0),
    /**
     * The jitter the gateway adds: per outgoing stream, frame k sent at t_k, offset
     * t_k − k × 20 ms, |offset − the stream's median offset| when handed to the socket.
     */
    sendJitterP99Ms: z.number().nullable().default(null),
    sendJitterMaxMs: z.number().nullable().default(null),
    /**
     * How late the media workers' event loops ran (the worst worker's p99 and max, ms): what
     * a received packet waits before it is read. Relayed audio (a direct bridge) carries this
     * wait on top of its send jitter, which is measured from the frame's decoding.
     */
    workerLoopDelayP99Ms: z.number().nullable().default(null),
    workerLoopDelayMaxMs: z.number().nullable().default(null),
    /** Outgoing frames a media worker dropped rather than send late (they are loss at the far end). */
    staleFramesDropped: z.number().int().default(0),
    /** Received frames that came after their tick had gone out silent (dropped: loss, not jitter). */
    lateFramesDropped: z.number().int().default(0),
    /** Received frames given up from a playout buffer that stayed too deep (a backlog). */
    backlogFramesDropped: z.number().int().default(0),
    /** Engine ticks skipped (the main thread stalled over 100 ms): their frames were never sent. */
    ticksSkipped: z.number().int().default(0),
    /** p99 of how late the engine's 20 ms ticks fired (main thread timer): one source of send jitter. */
    tickLatenessP99Ms: z.number().nullable().default(null),
    at: z.number(),
  }),
  z.object({
    event: z.literal('registration'),
    sipUser: z.string(),
    contact: z.string(),
    state: z.enum(['registered', 'unregistered']),
    reason: z.enum(['expired', 'unregistered', 'connection-closed']).optional(),
    at: z.number(),
  }),
]);
export type GatewayEvent = z.infer<typeof GatewayEventSchema>;

export type CommandResult = { ok: true } | { ok: false; error: { code: string; message: string } };

export const GatewayErrorCode = {
  UnknownLeg: 'gateway/unknown-leg',
  UnknownBridge: 'gateway/unknown-bridge',
  BadState: 'gateway/bad-state',
  Unreachable: 'gateway/unreachable',
  Overloaded: 'gateway/overloaded',
  Invalid: 'gateway/invalid-command',
  /** A prompt that cannot be played: a missing or unreadable WAV, a text that fails to render. */
  PromptFailed: 'gateway/prompt-failed',
} as const;
