import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sparePort, waitForPort } from '../support/child-services';
import { eventually } from '../support/socket-client';
import { TEST_JWT_SECRET } from '../support/test-app';

/**
 * An operator runs `npm start` and later sends SIGTERM to the process they started: npm. The server
 * beneath it (npm → sh → node) must get the signal, stop gracefully and free the port; it must not be
 * left running as an orphan.
 *
 * The package is laid out in a temporary directory (compiled server, package.json, migrations, seeders,
 * the checkout's node_modules) so the test neither needs nor overwrites the checkout's own build.
 * `prestart` (the full server and web build) is skipped with npm's own ignore-scripts setting, which
 * still runs `start` itself.
 */
const ROOT = path.resolve(__dirname, '..', '..');

function descendantsOf(pid: number): number[] {
  let children: number[] = [];
  try {
    children = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return children.flatMap((c) => [c, ...descendantsOf(c)]);
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const portRefuses = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = net.connect(port, '127.0.0.1');
    probe.once('connect', () => {
      probe.destroy();
      resolve(false);
    });
    probe.once('error', () => resolve(true));
  });

describe('stopping the server started with npm start', () => {
  let dir: string;
  let npm: ChildProcess;
  let started: number[] = [];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-npm-start-'));
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(dir, 'dist')], { cwd: ROOT });
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    fs.cpSync(path.join(ROOT, 'migrations'), path.join(dir, 'migrations'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'seeders'), path.join(dir, 'seeders'), { recursive: true });
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(dir, 'node_modules'));
  }, 120_000);

  afterAll(() => {
    for (const pid of started) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('SIGTERM to the npm process stops the server gracefully: every process gone, the port free and the "stopped" line logged within 10 s', async () => {
    const port = await sparePort();
    const { DATABASE_URL: _db, REDIS_URL: _redis, MONGODB_URL: _mongo, ...inherited } = process.env;
    npm = spawn('npm', ['start'], {
      cwd: dir,
      env: {
        ...inherited,
        npm_config_ignore_scripts: 'true',
        npm_config_update_notifier: 'false',
        NODE_ENV: 'test',
        JWT_SECRET: TEST_JWT_SECRET,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'info',
        SQLITE_PATH: path.join(dir, 'data', 'server.sqlite'),
        UPLOAD_DIR: path.join(dir, 'uploads'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    npm.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const npmExited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
    await waitForPort(port, 60_000, () => npm.exitCode === null).catch((err: Error) => {
      throw new Error(`${err.message}\n${output}`);
    });
    started = [npm.pid!, ...descendantsOf(npm.pid!)];
    expect(started.length).toBeGreaterThan(1);

    const signalledAt = Date.now();
    npm.kill('SIGTERM');
    await eventually(async () => started.every((pid) => !isRunning(pid)) && (await portRefuses(port)), 10_000, 100).catch(() => {
      throw new Error(`still running after 10 s: ${started.filter(isRunning).join(', ')}\n${output}`);
    });
    await npmExited;
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    const logLines = output.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.some((l) => l.includes('"msg":"stopping"') && l.includes('SIGTERM'))).toBe(true);
    expect(logLines[logLines.length - 1]).toContain('"msg":"stopped"');
  }, 60_000);
});
