import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findExecutable, sparePort, waitForPort } from '../../support/child-services';

/** The project's production coturn settings; the test keeps them and overrides only what loopback needs. */
const PROJECT_CONFIG = path.resolve(__dirname, '..', '..', '..', 'deploy', 'coturn', 'turnserver.conf');

/** Settings a test on one machine must change: loopback listener and relay, its own secret and ports. */
const OVERRIDDEN = ['listening-ip', 'relay-ip', 'external-ip', 'listening-port', 'tls-listening-port', 'min-port', 'max-port', 'static-auth-secret', 'no-loopback-peers', 'allow-loopback-peers', 'pidfile', 'log-file', 'userdb', 'cert', 'pkey'];
/** The production denials that would refuse the test's loopback peers; every other denied range is kept. */
const LOOPBACK_DENIALS = ['denied-peer-ip=127.0.0.0-127.255.255.255', 'denied-peer-ip=::1', 'denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255'];

export type Coturn = { url: string; port: number; stop(): Promise<void> };

/**
 * A real coturn (Debian's `turnserver`) on loopback with the project's config, the test's TURN secret,
 * and loopback peers allowed (for this test only: production refuses them). Stopped by its PID.
 */
export async function startCoturn(secret: string): Promise<Coturn> {
  const bin = findExecutable('turnserver');
  if (!bin) throw new Error('turnserver is not installed (apt-get install -y coturn)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-coturn-'));
  const port = await sparePort();
  const relayFrom = 40_000 + Math.floor(Math.random() * 20_000);
  const kept = fs
    .readFileSync(PROJECT_CONFIG, 'utf8')
    .split('\n')
    .filter((line) => {
      const key = line.trim().split(/[=\s]/)[0] ?? '';
      return line.trim() && !line.trim().startsWith('#') && !OVERRIDDEN.includes(key) && !LOOPBACK_DENIALS.includes(line.trim());
    });
  const config = [
    ...kept,
    'listening-ip=127.0.0.1',
    'relay-ip=127.0.0.1',
    `listening-port=${port}`,
    `min-port=${relayFrom}`,
    `max-port=${relayFrom + 200}`,
    `static-auth-secret=${secret}`,
    'allow-loopback-peers',
    'no-tls',
    'no-dtls',
    `pidfile=${path.join(dir, 'turnserver.pid')}`,
    'log-file=stdout',
    'simple-log',
  ].join('\n');
  const file = path.join(dir, 'turnserver.conf');
  fs.writeFileSync(file, `${config}\n`);
  const child: ChildProcess = spawn(bin, ['-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  try {
    await waitForPort(port, 15_000, () => child.exitCode === null);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`coturn did not start: ${String(err)}\n${log}`);
  }
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        process.kill(child.pid!, 'SIGTERM');
        await gone;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
