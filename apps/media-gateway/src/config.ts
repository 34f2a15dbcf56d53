import { availableParallelism } from 'node:os';
import { z } from 'zod';

/**
 * The gateway's configuration, parsed once at start. Embedded in the server, the server
 * builds it from its own configuration; alone, it comes from the environment.
 */
const port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z
  .object({
    GATEWAY_CONTROL_HOST: z.string().min(1).default('127.0.0.1'),
    GATEWAY_CONTROL_PORT: port.default(8090),
    SIP_UDP_HOST: z.string().min(1).default('127.0.0.1'),
    SIP_UDP_PORT: port.default(5060),
    RTP_PORT_MIN: port.default(20000),
    RTP_PORT_MAX: port.default(20999),
    SIP_UDP_ENABLED: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** The SIP domain and digest realm of the tenant. */
    SIP_DOMAIN: z.string().regex(/^[a-zA-Z0-9.-]+$/, 'a host name').default('ccx.invalid'),
    /** Shared with the server, which issues SIP credentials signed with it. */
    SIP_CREDENTIAL_SECRET: z.string().min(32, 'at least 32 characters'),
    SIP_REGISTRATION_MIN_EXPIRES: z.coerce.number().int().min(1).max(3600).default(60),
    SIP_REGISTRATION_MAX_EXPIRES: z.coerce.number().int().min(1).max(86400).default(3600),
    SIP_WS_PING_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
    /** Numbers the phone network may call without authentication (DIDs): 1000 main IVR, 1001 Support. */
    SIP_PUBLIC_NUMBERS: z
      .string()
      .regex(/^\+?[0-9]+(,\+?[0-9]+)*$/, 'comma-separated numbers')
      .default('1000,1001')
      .transform((v) => v.split(',')),
    CALL_SETUP_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(120_000),
    /**
     * Worker threads carrying the legs' media (ICE, DTLS-SRTP, RTP, G.711); 0 keeps it on the
     * main thread. Default one per core, at most 8 (the mixing main thread needs little).
     */
    MEDIA_WORKERS: z.coerce.number().int().min(0).max(16).default(Math.min(availableParallelism(), 8)),
    /** Leg setups in flight at once (SDP, and for an answered WebRTC leg its ICE/DTLS too); more wait. */
    MEDIA_SETUP_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(10),
    /** Leg setups allowed to wait; one more call is refused with 503 Service Unavailable. */
    MEDIA_SETUP_QUEUE_LIMIT: z.coerce.number().int().min(0).max(100_000).default(200),
    /** WAV prompts, named relative to this folder in play commands. */
    PROMPTS_DIR: z.string().min(1).default('./data/prompts'),
    RECORDINGS_DIR: z.string().min(1).default('./data/recordings'),
    /** Rendered text-to-speech prompts, kept across restarts (one WAV per text and voice). */
    SPEECH_CACHE_DIR: z.string().min(1).default('./data/speech-cache'),
    SIP_TRUNK_URI: z
      .string()
      .regex(/^sips?:/, 'must be a sip: or sips: URI')
      .optional(),
  })
  .refine((env) => env.RTP_PORT_MIN < env.RTP_PORT_MAX, {
    path: ['RTP_PORT_MIN'],
    message: 'must be below RTP_PORT_MAX',
  });

export type GatewayConfig = z.infer<typeof EnvSchema>;

export class GatewayConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'GatewayConfigError';
  }
}

export function loadGatewayConfig(source: Record<string, string | undefined> = process.env): GatewayConfig {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new GatewayConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}
