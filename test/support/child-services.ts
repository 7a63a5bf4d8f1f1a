import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Database and Redis servers of a test's own, on spare ports and temporary directories, so a fault test
 * can kill and restart them without touching the shared ones (MariaDB on 3306, Redis on 6379).
 */

/** The absolute path of an executable on PATH (or in sbin), or undefined when it is not installed. */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs) {
    const full = path.join(dir, name);
    try {
      fs.accessSync(full, fs.constants.X_OK);
      return full;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** A port nothing listens on right now (the OS picks it). */
export async function sparePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves when something accepts TCP connections on the port, or rejects at the deadline. */
export async function waitForPort(port: number, deadlineMs: number, isAlive: () => boolean = () => true): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (!isAlive()) throw new Error(`the process meant to listen on ${port} exited`);
    if (Date.now() > until) throw new Error(`nothing listened on port ${port} within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
}

export type OwnServer = {
  port: number;
  url: string;
  /** Kills the server at once (SIGKILL): the fault a crash, an OOM kill or a pulled cable looks like. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Freezes the server (SIGSTOP): it stops answering but keeps every connection open, as a hung host does. */
  pause(): void;
  /** Lets a paused server run again (SIGCONT). */
  resume(): void;
  /** Stops it for good and removes its files. */
  dispose(): Promise<void>;
};

/** Runs `launch` as a server on `port` that a test can kill, restart and finally remove with its directory. */
async function ownServer(opts: { port: number; dir: string; url: string; startDeadlineMs: number; launch: () => ChildProcess }): Promise<OwnServer> {
  let child: ChildProcess | undefined;
  async function start() {
    const current = opts.launch();
    child = current;
    await waitForPort(opts.port, opts.startDeadlineMs, () => current.exitCode === null);
  }
  async function kill() {
    if (!child) return;
    child.kill('SIGKILL');
    await exited(child);
    child = undefined;
  }
  await start();
  return {
    port: opts.port,
    url: opts.url,
    kill,
    start,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    async dispose() {
      child?.kill('SIGCONT');
      await kill();
      fs.rmSync(opts.dir, { recursive: true, force: true });
    },
  };
}

/** A private MariaDB: its own data directory, port and socket; root without a password. */
export async function startOwnMariaDb(): Promise<OwnServer> {
  const mariadbd = findExecutable('mariadbd') ?? findExecutable('mysqld');
  const installDb = findExecutable('mariadb-install-db') ?? findExecutable('mysql_install_db');
  if (!mariadbd || !installDb) throw new Error('mariadbd is not installed');
  const daemon = mariadbd;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-mariadb-'));
  const datadir = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const install = spawnSync(
    installDb,
    ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...(asRoot ? ['--user=root'] : [])],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);
  const port = await sparePort();
  return ownServer({
    port,
    dir,
    url: `mysql://root@127.0.0.1:${port}`,
    startDeadlineMs: 30_000,
    launch: () =>
      spawn(
        daemon,
        [
          '--no-defaults',
          `--datadir=${datadir}`,
          `--port=${port}`,
          '--bind-address=127.0.0.1',
          `--socket=${path.join(dir, 'sock')}`,
          `--pid-file=${path.join(dir, 'pid')}`,
          `--log-error=${path.join(dir, 'error.log')}`,
          '--skip-grant-tables',
          '--skip-log-bin',
          '--innodb-buffer-pool-size=32M',
          '--innodb-log-file-size=16M',
          ...(asRoot ? ['--user=root'] : []),
        ],
        { stdio: 'ignore' },
      ),
  });
}

/** A private Redis without persistence on a spare port. */
export async function startOwnRedis(): Promise<OwnServer> {
  const redisServer = findExecutable('redis-server');
  if (!redisServer) throw new Error('redis-server is not installed');
  const daemon = redisServer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-redis-'));
  const port = await sparePort();
  return ownServer({
    port,
    dir,
    url: `redis://127.0.0.1:${port}`,
    startDeadlineMs: 10_000,
    launch: () => spawn(daemon, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' }),
  });
}
