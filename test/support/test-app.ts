import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import request from 'supertest';
import { createApp, type AppOptions } from '../../src/app';
import { loadConfig, type Env } from '../../src/config';

export const TEST_JWT_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

/** The engine this run uses: MySQL/MariaDB when DATABASE_URL is set, else SQLite. */
export const dialect = process.env.DATABASE_URL ? 'mysql' : 'sqlite';

/** A fresh, empty MySQL database per app, so parallel test files never see each other's rows. */
export async function freshMysqlDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `wm_test_${randomBytes(6).toString('hex')}`;
  const admin = await mysql.createConnection(baseUrl);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = await mysql.createConnection(baseUrl);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * Boots the real app (real HTTP server on port 0, real database) with test-friendly settings.
 * `env` overrides any setting; pass `shareDatabaseWith` to run a second process-like instance on the same data.
 */
export async function startTestApp(env: Env = {}, options: AppOptions & { shareDatabaseWith?: TestApp } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-test-'));
  let dropDatabase: (() => Promise<void>) | undefined;
  const dbEnv: Env = {};
  if (options.shareDatabaseWith) {
    Object.assign(dbEnv, options.shareDatabaseWith.dbEnv);
  } else if (process.env.DATABASE_URL) {
    const fresh = await freshMysqlDatabase(process.env.DATABASE_URL);
    dbEnv.DATABASE_URL = fresh.url;
    dropDatabase = fresh.drop;
  } else {
    dbEnv.SQLITE_PATH = path.join(tmp, 'test.sqlite');
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    BCRYPT_ROUNDS: '4',
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT: '100000',
    LOGIN_ACCOUNT_FAILURE_LIMIT: '100000',
    ROOM_PWD_RATE_LIMIT: '100000',
    ROOM_PWD_ROOM_RATE_LIMIT: '100000',
    ROOM_PWD_IP_RATE_LIMIT: '100000',
    UPLOAD_RATE_LIMIT: '100000',
    ROOM_CREATE_RATE_LIMIT: '100000',
    SOCKET_HANDSHAKE_USER_BURST: '100000',
    SOCKET_HANDSHAKE_IP_BURST: '100000',
    UPLOAD_DIR: path.join(tmp, 'uploads'),
    HOST: '127.0.0.1',
    PORT: '0',
    ...dbEnv,
    ...env,
  });
  const app = await createApp(config, options);
  const address = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
  let closed = false;
  return {
    app,
    url,
    dbEnv,
    tmp,
    http: () => request(url),
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      if (dropDatabase && !options.shareDatabaseWith) await dropDatabase();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
