import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The server's whole configuration, parsed once at boot from the environment. A bad or
 * missing variable stops the start with its name; nothing else reads process.env.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

const port = z.coerce.number().int().min(0).max(65535);
const seconds = z.coerce.number().int().positive();
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: port.default(8080),
  /** Embedded database, secrets and (later) recordings. */
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional()),
  /** HMAC key for access tokens; required in production, at least 32 characters. */
  JWT_SECRET: optionalString.pipe(z.string().min(32, 'at least 32 characters').optional()),
  ACCESS_TOKEN_TTL_SECONDS: seconds.default(900),
  REFRESH_TOKEN_TTL_SECONDS: seconds.default(7 * 24 * 3600),
  /** The first admin, created at start if no active admin exists. Required in production. */
  ADMIN_USERNAME: optionalString,
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(12, 'at least 12 characters').optional()),
  LOGIN_MAX_FAILURES_PER_USER: seconds.default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: seconds.default(20),
  LOGIN_FAILURE_WINDOW_SECONDS: seconds.default(15 * 60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the built browser apps are (apps/<name>/dist below it). */
  APPS_DIR: z.string().min(1).default(join(repoRoot, 'apps')),
  MIGRATIONS_DIR: z.string().min(1).default(join(repoRoot, 'prisma', 'migrations')),
  /** The embedded media gateway (SIP over WebSocket at /sip on PORT, SIP over UDP for trunks). */
  EMBEDDED_GATEWAY: z.enum(['true', 'false']).default('true'),
  SIP_DOMAIN: z.string().regex(/^[a-zA-Z0-9.-]+$/, 'a host name').default('ccx.invalid'),
  SIP_UDP_ENABLED: z.enum(['true', 'false']).default('true'),
  SIP_UDP_HOST: z.string().min(1).default('127.0.0.1'),
  SIP_UDP_PORT: port.default(5060),
  /** RTP for trunk calls binds even ports in this range on SIP_UDP_HOST. */
  RTP_PORT_MIN: port.default(20000),
  RTP_PORT_MAX: port.default(20999),
  /** Signs SIP credentials; shared with separate gateway processes. Derived from JWT_SECRET when unset. */
  SIP_CREDENTIAL_SECRET: optionalString.pipe(z.string().min(32, 'at least 32 characters').optional()),
  SIP_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(3600),
  SIP_REGISTRATION_MIN_EXPIRES: z.coerce.number().int().min(1).max(3600).default(60),
  SIP_REGISTRATION_MAX_EXPIRES: z.coerce.number().int().min(1).max(86400).default(3600),
  /** Trust X-Forwarded-For from this many proxies (for per-address login throttling). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Rendered text-to-speech prompts, kept across restarts; default `<DATA_DIR>/speech-cache`. May be shared by several gateways. */
  SPEECH_CACHE_DIR: optionalString,
  /** Outbound calls to the phone network (callbacks, click-to-dial, transfers to a number) go to this SIP URI over UDP. */
  SIP_TRUNK_URI: optionalString.pipe(z.string().regex(/^sips?:/, 'must be a sip: or sips: URI').optional()),
  /** The number callbacks and agents' dialled calls present to the customer. */
  SIP_CALLER_ID: z.string().regex(/^\+?[0-9]{2,20}$/, 'a number, optionally after "+"').default('1000'),
  /**
   * Forces every business-hours node of the IVR flows open, closed or into the holiday
   * branch (an emergency closure, a test); unset, the flows' own hours decide.
   */
  IVR_HOURS_OVERRIDE: optionalString.pipe(z.enum(['open', 'closed', 'holiday']).optional()),
  /** An agent tab not heard from (connect or heartbeat) for this long gets no offers. */
  AGENT_HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(600).default(15),
  /** After-call work after a call the agent dialled (a call from a queue gets the queue's wrap-up time). */
  DIAL_WRAP_UP_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /**
   * On shutdown, calls in progress get this long to finish (new calls are refused meanwhile);
   * the calls still up then are ended and recorded as ended by the shutdown.
   */
  CALL_DRAIN_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
});

export type Env = z.infer<typeof EnvSchema>;

export interface AppConfig {
  env: Env['NODE_ENV'];
  production: boolean;
  host: string;
  port: number;
  dataDir: string;
  /** `null` → embedded PGlite in dataDir. */
  databaseUrl: string | null;
  redisUrl: string | null;
  /** The demo tenant is seeded only on the embedded default outside production. */
  demoMode: boolean;
  jwtSecret: Uint8Array;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  bootstrapAdmin: { username: string; password: string } | null;
  loginThrottle: { maxFailuresPerUser: number; maxFailuresPerAddress: number; windowSeconds: number };
  logLevel: Env['LOG_LEVEL'];
  appsDir: string;
  migrationsDir: string;
  trustProxyHops: number;
  sip: {
    embeddedGateway: boolean;
    domain: string;
    udp: { enabled: boolean; host: string; port: number };
    rtpPorts: { min: number; max: number };
    credentialSecret: string;
    credentialTtlSeconds: number;
    registrationMinExpires: number;
    registrationMaxExpires: number;
    trunkUri: string | null;
    callerId: string;
    speechCacheDir: string;
    /** `DATA_DIR/prompts`: the WAVs IVR flows play (`{"file": …}`), uploaded by the prompts admin. */
    promptsDir: string;
  };
  contactCenter: {
    hoursOverride: 'open' | 'closed' | 'holiday' | null;
    heartbeatTimeoutSeconds: number;
    dialWrapUpSeconds: number;
    drainSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  const problems: string[] = [];

  if (production && !env.JWT_SECRET) problems.push('JWT_SECRET: required in production (at least 32 characters)');
  if (production && (!env.ADMIN_USERNAME || !env.ADMIN_PASSWORD)) {
    problems.push('ADMIN_USERNAME and ADMIN_PASSWORD: required in production (no known password is ever seeded)');
  }
  if ((env.ADMIN_USERNAME === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    problems.push('ADMIN_USERNAME and ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = resolve(env.DATA_DIR);
  const jwtSecret = env.JWT_SECRET ?? localSecret(dataDir, !env.DATABASE_URL);
  return {
    env: env.NODE_ENV,
    production,
    host: env.HOST,
    port: env.PORT,
    dataDir,
    databaseUrl: env.DATABASE_URL ?? null,
    redisUrl: env.REDIS_URL ?? null,
    demoMode: !production && !env.DATABASE_URL,
    jwtSecret: new TextEncoder().encode(jwtSecret),
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    bootstrapAdmin:
      env.ADMIN_USERNAME && env.ADMIN_PASSWORD
        ? { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD }
        : null,
    loginThrottle: {
      maxFailuresPerUser: env.LOGIN_MAX_FAILURES_PER_USER,
      maxFailuresPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS,
    },
    logLevel: env.LOG_LEVEL,
    appsDir: resolve(env.APPS_DIR),
    migrationsDir: resolve(env.MIGRATIONS_DIR),
    trustProxyHops: env.TRUST_PROXY_HOPS,
    sip: {
      embeddedGateway: env.EMBEDDED_GATEWAY === 'true',
      domain: env.SIP_DOMAIN,
      udp: { enabled: env.SIP_UDP_ENABLED === 'true', host: env.SIP_UDP_HOST, port: env.SIP_UDP_PORT },
      rtpPorts: { min: env.RTP_PORT_MIN, max: env.RTP_PORT_MAX },
      credentialSecret: env.SIP_CREDENTIAL_SECRET ?? createHmac('sha256', jwtSecret).update('sip-credentials').digest('base64url'),
      credentialTtlSeconds: env.SIP_CREDENTIAL_TTL_SECONDS,
      registrationMinExpires: env.SIP_REGISTRATION_MIN_EXPIRES,
      registrationMaxExpires: env.SIP_REGISTRATION_MAX_EXPIRES,
      trunkUri: env.SIP_TRUNK_URI ?? null,
      callerId: env.SIP_CALLER_ID,
      speechCacheDir: resolve(env.SPEECH_CACHE_DIR ?? join(dataDir, 'speech-cache')),
      promptsDir: join(dataDir, 'prompts'),
    },
    contactCenter: {
      hoursOverride: env.IVR_HOURS_OVERRIDE ?? null,
      heartbeatTimeoutSeconds: env.AGENT_HEARTBEAT_TIMEOUT_SECONDS,
      dialWrapUpSeconds: env.DIAL_WRAP_UP_SECONDS,
      drainSeconds: env.CALL_DRAIN_SECONDS,
    },
  };
}

/**
 * Outside production with no JWT_SECRET: on the embedded default a random key kept in the
 * data folder (tokens survive a restart); with an external database a key for this process
 * only (several processes must share JWT_SECRET).
 */
function localSecret(dataDir: string, persist: boolean): string {
  if (!persist) return randomBytes(32).toString('base64url');
  const file = join(dataDir, 'secrets', 'jwt.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
