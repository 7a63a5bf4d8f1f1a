import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { sparePort } from '../support/child-services';
import { makeRoom, makeUser, type TestUser } from '../support/factories';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { eventually, joinRoom, waitFor, type TestSocket } from '../support/socket-client';
import { openSqliteReader } from '../support/sqlite-reader';
import type { TestApp } from '../support/test-app';

/**
 * SIGTERM to a real server process with users in a room: the listener closes, every presence ends and is
 * credited up to the stop, the last log lines are written, and the process exits 0 within 10 seconds.
 */
describe('graceful stop on SIGTERM', () => {
  let dir: string;
  let server: ServerProcess;
  let reader: ReturnType<typeof openSqliteReader>;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-sigterm-'));
    const storage = path.join(dir, 'server.sqlite');
    server = await startServerProcess(await sparePort(), { SQLITE_PATH: storage, UPLOAD_DIR: path.join(dir, 'uploads'), HEARTBEAT_MS: '60000' });
    reader = openSqliteReader(storage);
  }, 90_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await reader.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('closes the listener, ends and credits every presence, flushes the log and exits 0 within 10 s', async () => {
    // The factories only need an object with http(); here it points at the child process.
    const t = { http: () => request(server.url) } as unknown as TestApp;
    const alice: TestUser = await makeUser(t);
    const bob: TestUser = await makeUser(t);
    const room = await makeRoom(t, alice);
    await t.http().post(`/api/room/${room.id}/user/${bob.id}`).set(bob.auth).send({}).expect(201);
    const a = await joinRoom(server.url, alice.token, room.id);
    const b = await joinRoom(server.url, bob.token, room.id);
    sockets.push(a.socket, b.socket);
    await eventually(async () => (await reader.entries()).length === 2, 10_000, 100);
    const disconnected = Promise.all([waitFor(a.socket, 'disconnect', () => true, 15_000), waitFor(b.socket, 'disconnect', () => true, 15_000)]);

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const { code } = await server.exited;
    const tookMs = Date.now() - signalledAt;

    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    await disconnected;
    const refused = await new Promise<boolean>((resolve) => {
      const probe = net.connect(Number(new URL(server.url).port), '127.0.0.1');
      probe.once('connect', () => {
        probe.destroy();
        resolve(false);
      });
      probe.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);

    // Heartbeats are a minute apart here, so an end at the stop (not at a heartbeat) proves the credit.
    const entries = await reader.entries();
    expect(entries.map((e) => e.userId).sort()).toEqual([alice.id, bob.id].sort());
    for (const entry of entries) {
      expect(entry.leftAt).not.toBeNull();
      expect(entry.leftAt!).toBeGreaterThanOrEqual(signalledAt - 50);
      expect(entry.leftAt!).toBeLessThanOrEqual(signalledAt + tookMs);
    }

    const lines = server.output().trim().split('\n');
    expect(lines.some((l) => l.includes('"msg":"stopping"'))).toBe(true);
    expect(lines[lines.length - 1]).toContain('"msg":"stopped"');
  }, 60_000);
});
