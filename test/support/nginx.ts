import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { findExecutable, sparePort, waitForPort } from './child-services';

const ROOT = path.resolve(__dirname, '..', '..');
/** The project's include, as an operator would put it in /etc/nginx/conf.d/. */
export const NGINX_CONF = path.join(ROOT, 'deploy', 'nginx', 'with-me.conf');

export type OwnNginx = {
  port: number;
  url: string;
  /** The upstream port that answers a client at this loopback source address (the hash is by address). */
  upstreamFor: (localAddress: string) => Promise<number>;
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * The project's config with only what a test must change: the upstream servers (the test's processes) and
 * the listen port (a spare one on loopback). Everything else (hash, timeouts, upgrade headers) is as shipped.
 */
export function testInclude(conf: string, upstreamPorts: readonly number[], port: number): string {
  const withoutServers = conf.replace(/^\s*server\s+127\.0\.0\.1:\d+[^;]*;\s*$/gm, '');
  const servers = upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n');
  const upstream = withoutServers.replace(/(upstream\s+with_me\s*\{)/, `$1\n${servers}`);
  if (upstream === withoutServers) throw new Error('no `upstream with_me` block in the nginx config');
  const listened = upstream.replace(/^(\s*)listen\s+80;/m, `$1listen 127.0.0.1:${port};`);
  if (listened === upstream) throw new Error('no `listen 80;` in the nginx config');
  return listened;
}

/**
 * Debian's nginx in the foreground on a spare loopback port, with the project's include wrapped in a minimal
 * main config whose pid, logs and temp paths are in a directory of its own. Stopped by its PID.
 */
export async function startNginx(upstreamPorts: readonly number[]): Promise<OwnNginx> {
  const nginx = findExecutable('nginx');
  if (!nginx) throw new Error('nginx is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-nginx-'));
  const port = await sparePort();
  const include = path.join(dir, 'with-me.conf');
  fs.writeFileSync(include, testInclude(fs.readFileSync(NGINX_CONF, 'utf8'), upstreamPorts, port));
  const temp = (name: string) => path.join(dir, name);
  const main = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    main,
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${temp('nginx.pid')};`,
      'error_log stderr warn;',
      'events { worker_connections 256; }',
      'http {',
      '  access_log off;',
      // Which process answered: lets a test place clients on chosen processes (the include sets no add_header).
      '  add_header X-Upstream $upstream_addr always;',
      `  client_body_temp_path ${temp('client_body')};`,
      `  proxy_temp_path ${temp('proxy')};`,
      `  fastcgi_temp_path ${temp('fastcgi')};`,
      `  uwsgi_temp_path ${temp('uwsgi')};`,
      `  scgi_temp_path ${temp('scgi')};`,
      `  include ${include};`,
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(nginx, ['-p', dir, '-c', main, '-e', 'stderr'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(port, 15_000, () => child.exitCode === null && child.signalCode === null);
  } catch (err) {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n${output}`);
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    upstreamFor: (localAddress) =>
      new Promise((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/api/health', localAddress }, (res) => {
          res.resume();
          const upstream = String(res.headers['x-upstream'] ?? '').split(', ').at(-1) ?? '';
          const answered = Number(upstream.split(':').at(-1));
          if (res.statusCode === 200 && answered) resolve(answered);
          else reject(new Error(`probe from ${localAddress} answered ${res.statusCode} by "${upstream}"`));
        });
        req.once('error', reject);
      }),
    output: () => output,
    async stop() {
      // The master's PID: SIGQUIT would wait for open WebSockets; a test's nginx stops at once (SIGTERM).
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
