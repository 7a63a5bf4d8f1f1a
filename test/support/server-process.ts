import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Env } from '../../src/config';
import { TEST_JWT_SECRET } from './test-app';
import { waitForPort } from './child-services';

const ROOT = path.resolve(__dirname, '..', '..');

export type ServerProcess = {
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far (pino's JSON lines and any stderr). */
  output: () => string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * The real server as its own process (`src/main.ts` through tsx, in one Node process so a signal reaches
 * the server itself), on the given port and environment. Nothing is inherited that would point it at
 * the shared databases; each test passes its own SQLite file.
 */
export async function startServerProcess(port: number, env: Env): Promise<ServerProcess> {
  const { DATABASE_URL: _db, REDIS_URL: _redis, MONGODB_URL: _mongo, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      BCRYPT_ROUNDS: '4',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      AUTH_RATE_LIMIT: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  try {
    await waitForPort(port, 60_000, () => child.exitCode === null && child.signalCode === null);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${output}`);
  }
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}
