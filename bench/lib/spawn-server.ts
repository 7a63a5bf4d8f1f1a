import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FromServer, ToServer } from '../servers/ipc';
import { withTimeout } from './limits';
import { productionNodeFlags } from './runtime-flags';

const SERVERS = path.join(__dirname, '..', 'servers');

export type ServerKind = 'app' | 'relay';

export type SpawnOptions = {
  /** Extra environment for the server (our config variables). */
  env?: Record<string, string>;
  /** A SQLite file to use instead of a fresh one (the REST scenario seeds it before the start). */
  sqlitePath?: string;
};

export type RunningServer = {
  kind: ServerKind;
  pid: number;
  url: string;
  dataDir: string;
  /** Runs a full GC in the server (it is started with --expose-gc) and resolves when done. */
  gc(): Promise<void>;
  /** Starts a CPU profile in the server; the returned function stops it and writes `file` (.cpuprofile). */
  profile(): Promise<(file: string) => Promise<void>>;
  stop(): Promise<void>;
};

/** Settings that let one loopback client machine load the server: limits meant for the internet are raised. */
export function benchAppEnv(dataDir: string, sqlitePath?: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    SQLITE_PATH: sqlitePath ?? path.join(dataDir, 'bench.sqlite'),
    UPLOAD_DIR: path.join(dataDir, 'uploads'),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT: '10000000',
    ROOM_PWD_RATE_LIMIT: '10000000',
    ROOM_PWD_ROOM_RATE_LIMIT: '10000000',
    ROOM_PWD_IP_RATE_LIMIT: '10000000',
    // Required in production; the bench clients never read upload URLs.
    PUBLIC_URL: 'http://127.0.0.1',
    BCRYPT_ROUNDS: '4',
  };
}

/**
 * Forks a server (ours or the bare relay) as its own process on a free loopback port, so the bench's
 * clients never share an event loop with it. Every wait is bounded.
 */
export async function spawnServer(kind: ServerKind, options: SpawnOptions = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `with-me-bench-${kind}-`));
  const env = { ...process.env, ...(kind === 'app' ? benchAppEnv(dataDir, options.sqlitePath) : {}), ...options.env };
  // The bench measures the embedded default; a DATABASE_URL or REDIS_URL meant for the test suite must not leak in.
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  // Both servers get production's runtime flags (`npm start`); --expose-gc only lets the bench ask for a GC.
  const execArgv = ['--import', 'tsx', '--expose-gc', ...productionNodeFlags()];
  const child: ChildProcess = fork(path.join(SERVERS, kind === 'app' ? 'app-server.ts' : 'relay-server.ts'), [], {
    env,
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await withTimeout(
    new Promise<number>((resolve, reject) => {
      child.on('message', (m: FromServer) => {
        if (m.type === 'listening') resolve(m.port);
        if (m.type === 'failed') reject(new Error(`${kind} server failed to start: ${m.message}`));
      });
      void exited.then((code) => reject(new Error(`${kind} server exited with ${code} before listening`)));
    }),
    60_000,
    `${kind} server start`,
  ).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw err;
  });

  const send = (m: ToServer) => child.send(m);
  /** Sends a command and waits for its answer, bounded. */
  const request = (m: ToServer, answer: FromServer['type']) =>
    withTimeout(
      new Promise<void>((resolve) => {
        const onMessage = (reply: FromServer) => {
          if (reply.type !== answer) return;
          child.off('message', onMessage);
          resolve();
        };
        child.on('message', onMessage);
        send(m);
      }),
      30_000,
      `server ${m.type}`,
    );
  return {
    kind,
    pid: child.pid as number,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    gc: () => request({ type: 'gc' }, 'gc-done'),
    async profile() {
      await request({ type: 'profile-start' }, 'profile-started');
      return (file: string) => request({ type: 'profile-stop', file }, 'profile-done');
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        send({ type: 'stop' });
        await withTimeout(exited, 15_000, `${kind} server stop`).catch(() => child.kill('SIGKILL'));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Profiles the server over a measured window when `dir` is set (BENCH_CPU_PROF); returns the function
 * that ends the window and writes `<dir>/<name>-<kind>-<time>.cpuprofile` (open it in Chrome DevTools).
 */
export async function profileWindow(server: RunningServer, dir: string | undefined, name: string): Promise<() => Promise<void>> {
  if (!dir) return async () => undefined;
  fs.mkdirSync(dir, { recursive: true });
  const stop = await server.profile();
  return () => stop(path.join(dir, `${name}-${server.kind}-${Date.now()}.cpuprofile`));
}

/**
 * Our server on a SQLite file that `seed` fills before the start, with the JWT secret the seed needs to
 * mint tokens. The file lives and dies with the server.
 */
export async function spawnSeededApp<T>(seed: (sqlitePath: string, jwtSecret: string) => Promise<T>, env: Record<string, string> = {}) {
  const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-bench-seed-'));
  const sqlitePath = path.join(seedDir, 'seeded.sqlite');
  const jwtSecret = randomBytes(32).toString('hex');
  try {
    const seeded = await seed(sqlitePath, jwtSecret);
    const server = await spawnServer('app', { sqlitePath, env: { ...env, JWT_SECRET: jwtSecret } });
    const stop = async () => {
      await server.stop();
      fs.rmSync(seedDir, { recursive: true, force: true });
    };
    return { server: { ...server, stop }, seeded };
  } catch (err) {
    fs.rmSync(seedDir, { recursive: true, force: true });
    throw err;
  }
}
