import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';

/**
 * The deployment files agree with each other and with the documentation, without a Docker engine:
 * docker-compose.yml, deploy/coturn/turnserver.conf, .env.example, the README and .travis.yml.
 */
// js-yaml (a dev dependency through jest) has no types here; only `load` is used.
const yaml = require('js-yaml') as { load: (text: string) => unknown };

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

type Service = {
  build?: string | { context: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, unknown>;
};
const compose = yaml.load(read('docker-compose.yml')) as { services: Record<string, Service> };
const services = compose.services;
const server = services.server!;
const serverEnv = server.environment ?? {};

/** Compose interpolation as a first `docker compose up` does it: `${X:-default}` → default, `${X:?msg}` → `given`. */
function interpolate(value: string, given: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    if (given[name] !== undefined) return given[name]!;
    if (op === '-') return arg ?? '';
    throw new Error(`${name} is required: ${arg}`);
  });
}
const REQUIRED = { JWT_SECRET: 'j'.repeat(40), TURN_SECRET: 'turn-secret-for-the-test' };

/** `key=value` and bare `key` lines of the coturn config, comments dropped. */
const turnLines = read('deploy/coturn/turnserver.conf')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const turnValue = (key: string) => turnLines.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1);

const envExampleNames = new Set([...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
const readme = read('README.md');
const configurationTable = readme.split('## Configuration')[1]!.split('\n## ')[0]!;
const tableNames = new Set([...configurationTable.matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map((m) => m[1]));

describe('docker-compose.yml', () => {
  it('runs the server, MariaDB, Redis and coturn', () => {
    expect(Object.keys(services).sort()).toEqual(['coturn', 'mariadb', 'redis', 'server']);
    expect(server.build === '.' || (typeof server.build === 'object' && server.build.context === '.')).toBe(true);
    expect(services.mariadb!.image).toMatch(/^mariadb:/);
    expect(services.redis!.image).toMatch(/^redis:/);
    expect(services.coturn!.image).toMatch(/^coturn\/coturn:/);
    expect(Object.keys(server.depends_on ?? {}).sort()).toEqual(['mariadb', 'redis']);
  });

  it("publishes the server on the port the Dockerfile exposes and the image's default PORT", () => {
    const exposed = /^EXPOSE (\d+)$/m.exec(read('Dockerfile'))?.[1];
    expect(server.ports).toEqual([`${exposed}:${exposed}`]);
    expect(loadConfig({}).port).toBe(Number(exposed));
  });

  it('passes the server only variables that .env.example and the README Configuration table document', () => {
    const names = Object.keys(serverEnv);
    expect(names).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'TURN_SECRET', 'TURN_URLS', 'PUBLIC_URL']));
    expect(names.filter((n) => !envExampleNames.has(n))).toEqual([]);
    expect(names.filter((n) => !tableNames.has(n))).toEqual([]);
  });

  it('requires JWT_SECRET and TURN_SECRET from the environment instead of defaulting them', () => {
    expect(serverEnv.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    expect(serverEnv.TURN_SECRET).toMatch(/^\$\{TURN_SECRET:\?/);
    expect(() => interpolate(serverEnv.JWT_SECRET!, {})).toThrow('JWT_SECRET is required');
  });

  it("gives the server a configuration it accepts, pointing at the compose services and mariadb's own credentials", () => {
    const env = Object.fromEntries(Object.entries(serverEnv).map(([k, v]) => [k, interpolate(v, REQUIRED)]));
    const config = loadConfig({ NODE_ENV: 'production', ...env });
    expect(config.db.dialect).toBe('mysql');
    const db = new URL(env.DATABASE_URL!);
    const maria = services.mariadb!.environment!;
    expect([db.hostname, db.port, db.username, decodeURIComponent(db.password), db.pathname]).toEqual([
      'mariadb',
      '3306',
      interpolate(maria.MARIADB_USER!, {}),
      interpolate(maria.MARIADB_PASSWORD!, {}),
      `/${interpolate(maria.MARIADB_DATABASE!, {})}`,
    ]);
    expect(new URL(config.redisUrl!).hostname).toBe('redis');
    expect(config.ice.turnSecret).toBe(REQUIRED.TURN_SECRET);
    expect(config.ice.turnUrls.length).toBeGreaterThan(0);
    for (const url of config.ice.turnUrls) expect(url).toMatch(new RegExp(`^turns?:[^:]+:${turnValue('listening-port')}\\?transport=(udp|tcp)$`));
  });

  it("hands coturn the repository's config file and the server's TURN_SECRET", () => {
    const coturn = services.coturn!;
    const mount = coturn.volumes?.find((v) => v.startsWith('./deploy/coturn/turnserver.conf:'));
    expect(mount).toBeDefined();
    const target = mount!.split(':')[1];
    const args = coturn.command ?? [];
    expect(args.slice(args.indexOf('-c'), args.indexOf('-c') + 2)).toEqual(['-c', target]);
    expect(args).toContain(`--static-auth-secret=${serverEnv.TURN_SECRET}`);
  });

  it("publishes coturn's listening ports (udp and tcp), TLS, and exactly the relay range of the config file", () => {
    const ports = services.coturn!.ports ?? [];
    const listen = turnValue('listening-port');
    expect(ports).toEqual(expect.arrayContaining([`${listen}:${listen}/udp`, `${listen}:${listen}/tcp`, `${turnValue('tls-listening-port')}:${turnValue('tls-listening-port')}/tcp`]));
    const range = `${turnValue('min-port')}-${turnValue('max-port')}`;
    expect(ports).toContain(`${range}:${range}/udp`);
  });
});

describe('deploy/coturn/turnserver.conf', () => {
  it('uses shared-secret credentials only, with no secret in the file', () => {
    expect(turnLines).toEqual(expect.arrayContaining(['use-auth-secret', 'fingerprint', 'no-cli']));
    expect(turnValue('realm')).toBeTruthy();
    expect(turnLines.filter((l) => /^(static-auth-secret|user|lt-cred-mech|no-auth)(=|$)/.test(l))).toEqual([]);
    expect([turnValue('listening-port'), turnValue('tls-listening-port')]).toEqual(['3478', '5349']);
    expect(Number(turnValue('min-port'))).toBeLessThan(Number(turnValue('max-port')));
  });

  it('refuses loopback, multicast and every private or reserved peer range', () => {
    expect(turnLines).toEqual(expect.arrayContaining(['no-loopback-peers', 'no-multicast-peers']));
    expect(turnLines).not.toContain('allow-loopback-peers');
    const denied = turnLines.filter((l) => l.startsWith('denied-peer-ip=')).map((l) => l.slice('denied-peer-ip='.length).split('-')[0]);
    for (const start of ['0.0.0.0', '10.0.0.0', '100.64.0.0', '127.0.0.0', '169.254.0.0', '172.16.0.0', '192.168.0.0', '::1', 'fc00::', 'fe80::', '::ffff:0.0.0.0']) {
      expect([start, denied.includes(start)]).toEqual([start, true]);
    }
  });
});

describe('README and .env.example', () => {
  it('document TURN in production: the config file, the ports and the relay range of the file', () => {
    const section = readme.split('## TURN in production')[1]?.split('\n## ')[0] ?? '';
    expect(section).toContain('deploy/coturn/turnserver.conf');
    for (const text of ['3478', '5349', `${turnValue('min-port')}-${turnValue('max-port')}`, 'TURN_SECRET', 'TURN_URLS', 'TURN_TTL_S']) expect([text, section.includes(text)]).toEqual([text, true]);
  });

  it('document docker compose with its four services', () => {
    const section = readme.split('## docker compose')[1]?.split('\n## ')[0] ?? '';
    expect(section).toContain('docker compose up');
    for (const name of Object.keys(services)) expect([name, section.includes(`\`${name}\``)]).toEqual([name, true]);
  });

  it('name TURN_TTL_S, and the server still reads TURN_TTL_SECONDS when it is unset', () => {
    expect(envExampleNames.has('TURN_TTL_S') && tableNames.has('TURN_TTL_S')).toBe(true);
    expect(loadConfig({}).ice.turnTtlSeconds).toBe(21_600);
    expect(loadConfig({ TURN_TTL_S: '600' }).ice.turnTtlSeconds).toBe(600);
    expect(loadConfig({ TURN_TTL_SECONDS: '900' }).ice.turnTtlSeconds).toBe(900);
    expect(loadConfig({ TURN_TTL_S: '600', TURN_TTL_SECONDS: '900' }).ice.turnTtlSeconds).toBe(600);
    expect(() => loadConfig({ TURN_TTL_S: '10' })).toThrow(/TURN_TTL_S/);
  });
});

describe('.travis.yml', () => {
  const travis = yaml.load(read('.travis.yml')) as { script: string[]; install?: unknown; env?: { global?: string[] } };

  it('runs .ci/run and nothing else, so CI on Travis is the same steps as anywhere', () => {
    expect(travis.script).toEqual(['bash .ci/run']);
    expect(fs.existsSync(path.join(ROOT, '.ci', 'run'))).toBe(true);
  });

  it('sets no database URL of its own (.ci/run chooses the MariaDB user and database)', () => {
    expect((travis.env?.global ?? []).filter((e) => /DATABASE_URL|MARIADB|mysql:\/\//.test(e))).toEqual([]);
  });
});
