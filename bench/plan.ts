import { z } from 'zod';

const list = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(',').map((s) => s.trim()) : undefined));

/**
 * The bench's own settings, from the environment. The defaults are the published scenarios; the
 * overrides exist to rerun one scenario or to profile, not to make the figures look better.
 */
const BenchEnvSchema = z.object({
  BENCH_RUNS: z.coerce.number().int().min(1).max(10).default(3),
  BENCH_ONLY: list.pipe(z.array(z.enum(['traffic', 'storm', 'idle', 'rest', 'login', 'start', 'habits'])).optional()),
  BENCH_OUT: z.string().default('BENCHMARKS.md'),
  /** Directory for V8 CPU profiles of our server (one per server process), for finding hot spots. */
  BENCH_CPU_PROF: z.string().optional(),
  BENCH_TRAFFIC_CLIENTS: z.coerce.number().int().min(2).max(5000).default(1000),
  BENCH_TRAFFIC_SECONDS: z.coerce.number().int().min(1).max(120).default(20),
  BENCH_STORM_USERS: z.coerce.number().int().min(2).max(5000).default(400),
  BENCH_IDLE_SOCKETS: z.coerce.number().int().min(1).max(20000).default(5000),
  BENCH_REST_ROOMS: z.coerce.number().int().min(10).max(100000).default(10000),
  BENCH_REST_SESSIONS: z.coerce.number().int().min(1).max(100000).default(3000),
  BENCH_REST_SECONDS: z.coerce.number().int().min(1).max(60).default(5),
  BENCH_REST_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(20),
  BENCH_LOGIN_CREATORS: z.coerce.number().int().min(1).max(200).default(16),
  BENCH_LOGINS: z.coerce.number().int().min(1).max(1000).default(40),
  /** Sessions in the last year of each records user (the habits scenario). */
  BENCH_HABITS_SESSIONS: list.pipe(z.array(z.string().regex(/^\d{1,6}$/).transform(Number)).optional()),
  BENCH_HABITS_STREAK_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
  BENCH_HABITS_BOARD_USERS: z.coerce.number().int().min(10).max(500000).default(100000),
  BENCH_HABITS_REQUESTS: z.coerce.number().int().min(1).max(5000).default(200),
});

export function loadPlan(env: Record<string, string | undefined> = process.env) {
  const e = BenchEnvSchema.parse(env);
  const scenarios = new Set(e.BENCH_ONLY ?? ['traffic', 'storm', 'idle', 'rest', 'login', 'start', 'habits']);
  return {
    runs: e.BENCH_RUNS,
    out: e.BENCH_OUT,
    cpuProfDir: e.BENCH_CPU_PROF,
    scenarios,
    traffic: { clients: e.BENCH_TRAFFIC_CLIENTS, roomSize: 4, seconds: e.BENCH_TRAFFIC_SECONDS },
    storm: { users: e.BENCH_STORM_USERS, roomSize: 4 },
    idle: { sockets: e.BENCH_IDLE_SOCKETS, settleMs: 1_000 },
    login: { creators: e.BENCH_LOGIN_CREATORS, logins: e.BENCH_LOGINS },
    habits: { sessions: e.BENCH_HABITS_SESSIONS ?? [100, 1_000, 10_000, 50_000], streakDays: e.BENCH_HABITS_STREAK_DAYS, boardUsers: e.BENCH_HABITS_BOARD_USERS, requests: e.BENCH_HABITS_REQUESTS },
    rest: { rooms: e.BENCH_REST_ROOMS, sessions: e.BENCH_REST_SESSIONS, durationSeconds: e.BENCH_REST_SECONDS, connections: e.BENCH_REST_CONNECTIONS },
  };
}
export type BenchPlan = ReturnType<typeof loadPlan>;
