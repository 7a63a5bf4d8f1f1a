import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(fs.readFileSync('/etc/os-release', 'utf8'));
    if (pretty?.[1]) return `${pretty[1]} (${os.type()} ${os.release()})`;
  } catch {
    // Not Linux or no os-release: the kernel name below is enough.
  }
  return `${os.type()} ${os.release()}`;
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    return 'unknown';
  }
}

/** What a reader needs to compare these figures with their own run. */
export function describeMachine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGb: os.totalmem() / 2 ** 30,
    os: osName(),
    node: process.version,
    socketIo: versionOf('socket.io'),
    socketIoClient: versionOf('socket.io-client'),
    sequelize: versionOf('sequelize'),
    sqlite3: versionOf('sqlite3'),
    autocannon: versionOf('autocannon'),
    commit: gitCommit(),
    /** Other work on the machine when the bench started (1, 5, 15 min): the figures are only as quiet as this. */
    loadAverage: os.loadavg(),
  };
}
export type Machine = ReturnType<typeof describeMachine>;
