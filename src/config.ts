import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Every other module receives a frozen `Config`,
 * so tests build as many differently configured apps as they need.
 */
const csv = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []));

/** An RTCIceServer as a browser takes it (ICE_SERVERS is a JSON array of them). */
const IceServerSchema = z.object({
  urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
const parseIceServers = (json: string) => z.array(IceServerSchema).safeParse(JSON.parse(json));

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^mysql:\/\//, 'must be a mysql:// URL (MySQL or MariaDB)')
      .optional(),
    SQLITE_PATH: z.string().default('data/with-me.sqlite'),
    DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(1_500),
    MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL').optional(),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_EXPIRES_IN: z.string().regex(/^\d+[smhd]?$/, 'like 7d, 12h or 3600').default('7d'),
    BCRYPT_ROUNDS: z.coerce.number().int().min(4).max(15).default(10),
    CORS_ORIGINS: csv,
    TZ_NAME: z
      .string()
      .default('Asia/Seoul')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Asia/Seoul'),
    AUTH_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
    LOGIN_ACCOUNT_FAILURE_LIMIT: z.coerce.number().int().min(1).default(10),
    LOGIN_ACCOUNT_WINDOW_MS: z.coerce.number().int().min(1_000).default(15 * 60_000),
    ROOM_PWD_RATE_LIMIT: z.coerce.number().int().min(1).default(5),
    ROOM_PWD_ROOM_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
    ROOM_PWD_IP_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
    UPLOAD_DIR: z.string().default('uploads'),
    UPLOAD_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    UPLOAD_QUOTA_BYTES: z.coerce.number().int().min(1_024).default(10 * 1024 * 1024),
    UPLOAD_UNUSED_TTL_MS: z.coerce.number().int().min(1_000).default(3_600_000),
    ROOM_CREATE_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    PUBLIC_URL: z.string().url().optional(),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    KAKAO_REST_API_KEY: z.string().optional(),
    KAKAO_REDIRECT_URI: z.string().url().optional(),
    ICE_SERVERS: z.string().optional(),
    TURN_SECRET: z.string().optional(),
    TURN_URLS: csv,
    /** A TURN credential's lifetime in seconds; TURN_TTL_SECONDS is the older name, still read when TURN_TTL_S is unset. */
    TURN_TTL_S: z.coerce.number().int().min(60).optional(),
    TURN_TTL_SECONDS: z.coerce.number().int().min(60).optional(),
    RECONNECT_GRACE_MS: z.coerce.number().int().min(0).default(15_000),
    MEMBERSHIP_SWEEP_MS: z.coerce.number().int().min(100).default(60_000),
    REDIS_PREFIX: z.string().max(64).default('with-me:'),
    REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).default(1_000),
    SOCKET_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1_024).max(1_048_576).default(64 * 1024),
    SOCKET_PING_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
    SOCKET_PING_TIMEOUT_MS: z.coerce.number().int().min(100).default(4_000),
    SOCKET_EVENT_RATE: z.coerce.number().positive().default(30),
    SOCKET_EVENT_BURST: z.coerce.number().int().min(1).default(60),
    SOCKET_CHAT_RATE: z.coerce.number().positive().default(5),
    SOCKET_CHAT_BURST: z.coerce.number().int().min(1).default(10),
    SOCKET_EMOJI_RATE: z.coerce.number().positive().default(2),
    SOCKET_EMOJI_BURST: z.coerce.number().int().min(1).default(5),
    SOCKET_SIGNAL_RATE: z.coerce.number().positive().default(10),
    SOCKET_SIGNAL_BURST: z.coerce.number().int().min(1).default(30),
    SOCKET_TIMER_RATE: z.coerce.number().positive().default(2),
    SOCKET_TIMER_BURST: z.coerce.number().int().min(1).default(5),
    SOCKET_HANDSHAKE_USER_RATE: z.coerce.number().positive().default(1),
    SOCKET_HANDSHAKE_USER_BURST: z.coerce.number().int().min(1).default(10),
    SOCKET_HANDSHAKE_IP_RATE: z.coerce.number().positive().default(10),
    SOCKET_HANDSHAKE_IP_BURST: z.coerce.number().int().min(1).default(100),
    HEARTBEAT_MS: z.coerce.number().int().min(100).default(30_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WEB_DIR: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'required when NODE_ENV=production' });
    }
    // What counts as this server (upload URLs, same-origin sockets) is never taken from a request's Host header.
    if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'required when NODE_ENV=production' });
    }
    if (env.ICE_SERVERS) {
      let valid = false;
      try {
        valid = parseIceServers(env.ICE_SERVERS).success;
      } catch {
        // not JSON
      }
      if (!valid) {
        ctx.addIssue({ code: 'custom', path: ['ICE_SERVERS'], message: 'must be a JSON array of RTCIceServer' });
      }
    }
  });

export type Env = Record<string, string | undefined>;

export type DbConfig =
  | { dialect: 'sqlite'; storage: string }
  | { dialect: 'mysql'; url: string; /** See src/db/query-deadline.ts (default 1500). */ queryTimeoutMs?: number };

export function loadConfig(env: Env = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const db: DbConfig = e.DATABASE_URL
    ? { dialect: 'mysql', url: e.DATABASE_URL, queryTimeoutMs: e.DB_QUERY_TIMEOUT_MS }
    : { dialect: 'sqlite', storage: path.resolve(e.SQLITE_PATH) };
  // A secret is never defaulted in production (checked above). In development a random one is made per
  // process, so nothing secret is committed; main.ts says that tokens will not survive a restart.
  const jwtSecretIsEphemeral = !e.JWT_SECRET;
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    db,
    mongoUrl: e.MONGODB_URL,
    redisUrl: e.REDIS_URL,
    jwt: Object.freeze({
      secret: e.JWT_SECRET ?? randomBytes(32).toString('hex'),
      expiresIn: e.JWT_EXPIRES_IN,
      ephemeral: jwtSecretIsEphemeral,
    }),
    bcryptRounds: e.BCRYPT_ROUNDS,
    corsOrigins: e.CORS_ORIGINS,
    tzName: e.TZ_NAME,
    rateLimits: Object.freeze({
      auth: e.AUTH_RATE_LIMIT,
      logInPerAccount: Object.freeze({ failures: e.LOGIN_ACCOUNT_FAILURE_LIMIT, windowMs: e.LOGIN_ACCOUNT_WINDOW_MS }),
      roomPassword: Object.freeze({ perUserAndRoom: e.ROOM_PWD_RATE_LIMIT, perRoom: e.ROOM_PWD_ROOM_RATE_LIMIT, perIp: e.ROOM_PWD_IP_RATE_LIMIT }),
      upload: e.UPLOAD_RATE_LIMIT,
      roomCreate: e.ROOM_CREATE_RATE_LIMIT,
    }),
    uploadDir: path.resolve(e.UPLOAD_DIR),
    uploadLimits: Object.freeze({ quotaBytes: e.UPLOAD_QUOTA_BYTES, unusedTtlMs: e.UPLOAD_UNUSED_TTL_MS }),
    /** The public origin (required in production); without it, http://localhost:<the bound port>. */
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    /** Bearer token for GET /api/metrics; unset, the route answers 404. */
    metricsToken: e.METRICS_TOKEN,
    kakao: e.KAKAO_REST_API_KEY
      ? Object.freeze({ restApiKey: e.KAKAO_REST_API_KEY, redirectUri: e.KAKAO_REDIRECT_URI })
      : undefined,
    ice: Object.freeze({
      servers: e.ICE_SERVERS ? parseIceServers(e.ICE_SERVERS).data! : [{ urls: 'stun:stun.l.google.com:19302' }],
      turnSecret: e.TURN_SECRET,
      turnUrls: e.TURN_URLS,
      turnTtlSeconds: e.TURN_TTL_S ?? e.TURN_TTL_SECONDS ?? 6 * 3600,
    }),
    reconnectGraceMs: e.RECONNECT_GRACE_MS,
    /** With REDIS_URL: how often each process looks for memberships no live socket speaks for. */
    membershipSweepMs: e.MEMBERSHIP_SWEEP_MS,
    redis: Object.freeze({ prefix: e.REDIS_PREFIX, commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS }),
    socket: Object.freeze({
      maxPayloadBytes: e.SOCKET_MAX_PAYLOAD_BYTES,
      /** Engine.IO heartbeat: a silent connection is dropped within interval + timeout (Socket.IO's 25 s + 20 s is far too slow for presence). */
      pingIntervalMs: e.SOCKET_PING_INTERVAL_MS,
      pingTimeoutMs: e.SOCKET_PING_TIMEOUT_MS,
      /** Token buckets per user (across the user's sockets): `rate` events per second, up to `burst` at once. */
      limits: Object.freeze({
        all: { ratePerSec: e.SOCKET_EVENT_RATE, burst: e.SOCKET_EVENT_BURST },
        chat: { ratePerSec: e.SOCKET_CHAT_RATE, burst: e.SOCKET_CHAT_BURST },
        emoji: { ratePerSec: e.SOCKET_EMOJI_RATE, burst: e.SOCKET_EMOJI_BURST },
        signal: { ratePerSec: e.SOCKET_SIGNAL_RATE, burst: e.SOCKET_SIGNAL_BURST },
        timer: { ratePerSec: e.SOCKET_TIMER_RATE, burst: e.SOCKET_TIMER_BURST },
      }),
      /** Handshakes per user (after authentication) and per client address (before it). */
      handshake: Object.freeze({
        user: { ratePerSec: e.SOCKET_HANDSHAKE_USER_RATE, burst: e.SOCKET_HANDSHAKE_USER_BURST },
        ip: { ratePerSec: e.SOCKET_HANDSHAKE_IP_RATE, burst: e.SOCKET_HANDSHAKE_IP_BURST },
      }),
    }),
    heartbeatMs: e.HEARTBEAT_MS,
    logLevel: e.LOG_LEVEL,
    webDir: e.WEB_DIR ? path.resolve(e.WEB_DIR) : undefined,
  });
}

export type Config = ReturnType<typeof loadConfig>;
