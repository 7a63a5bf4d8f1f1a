import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const ROOT = path.resolve(__dirname, '..', '..');

export type StartRun = { startToHealthMs: number };

async function sparePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Scenario 6: an operator's restart. `npm start` on a built tree (prestart sees nothing changed), a fresh
 * SQLite file (so the migrations and seeders run), timed from the spawn until `/api/health` answers 200.
 * The tree is brought up to date once before the first run, outside the measurement.
 */
export async function runStartTime(): Promise<StartRun> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-if-stale.js')], { cwd: ROOT, stdio: 'ignore' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-bench-start-'));
  const port = await sparePort();
  const started = performance.now();
  // The embedded default, as a new user starts it: no database, Redis or MongoDB server meant for the tests.
  const { DATABASE_URL: _db, REDIS_URL: _redis, MONGODB_URL: _mongo, ...inherited } = process.env;
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: {
      ...inherited,
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      SQLITE_PATH: path.join(dir, 'start.sqlite'),
      UPLOAD_DIR: path.join(dir, 'uploads'),
      LOG_LEVEL: 'warn',
    },
  });
  try {
    const deadline = started + 60_000;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
      if (ok) return { startToHealthMs: performance.now() - started };
      if (performance.now() > deadline) throw new Error('the server did not answer /api/health within 60 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    const gone = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
    npm.kill('SIGTERM');
    await gone;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
