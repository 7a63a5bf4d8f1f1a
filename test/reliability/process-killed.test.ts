import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import request from 'supertest';
import { sparePort } from '../support/child-services';
import { makeRoom, makeUser } from '../support/factories';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { eventually, joinRoom, type TestSocket } from '../support/socket-client';
import { openSqliteReader } from '../support/sqlite-reader';
import type { TestApp } from '../support/test-app';

/**
 * SIGKILL to a real server process while users sit in a room, then a fresh start on the same data:
 * what the dead process left open is cleaned up, and clients that come back carry on by themselves.
 */
const GRACE_MS = 1_500;
const HEARTBEAT_MS = 300;

describe('when the server process is killed and started again', () => {
  let dir: string;
  let port: number;
  let env: Record<string, string>;
  let server: ServerProcess;
  let reader: ReturnType<typeof openSqliteReader>;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-sigkill-'));
    const storage = path.join(dir, 'server.sqlite');
    port = await sparePort();
    env = { SQLITE_PATH: storage, UPLOAD_DIR: path.join(dir, 'uploads'), RECONNECT_GRACE_MS: String(GRACE_MS), HEARTBEAT_MS: String(HEARTBEAT_MS) };
    server = await startServerProcess(port, env);
    reader = openSqliteReader(storage);
  }, 90_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await reader.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('clears memberships nobody returns to, closes open entries at their last heartbeat, and returning clients rejoin on their own', async () => {
    const t = { http: () => request(server.url) } as unknown as TestApp;
    const alice = await makeUser(t);
    const bob = await makeUser(t);
    const carol = await makeUser(t);
    const room = await makeRoom(t, alice);
    for (const user of [bob, carol]) await t.http().post(`/api/room/${room.id}/user/${user.id}`).set(user.auth).send({}).expect(201);

    // Alice's client behaves as the web client: reconnects by itself and joins again on every connect.
    const a: TestSocket = io(server.url, { auth: { token: alice.token }, transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 500, forceNew: true });
    sockets.push(a);
    let aliceJoins = 0;
    a.on('connect', () => a.emit('join room', { roomId: room.id }));
    a.on('send users', () => aliceJoins++);
    await eventually(() => aliceJoins === 1, 10_000);
    // Bob's client does not reconnect (joinRoom opens it without reconnection); Carol never opened one.
    const b = await joinRoom(server.url, bob.token, room.id);
    sockets.push(b.socket);
    await eventually(async () => (await reader.entries()).length === 2, 10_000, 50);
    // Let a few heartbeats land, so "closed at the last heartbeat" is distinguishable from "at the start".
    await eventually(async () => (await reader.entries()).every((e) => e.heartbeatAt > e.joinedAt + HEARTBEAT_MS), 10_000, 50);

    server.child.kill('SIGKILL');
    await server.exited;
    const killedAt = Date.now();
    const leftOpen = await reader.entries();
    expect(leftOpen.every((e) => e.leftAt === null)).toBe(true);

    server = await startServerProcess(port, env);

    // Alice is back in the room on her own, as the same member.
    await eventually(() => aliceJoins === 2, 20_000, 50);
    // After the grace, Bob and Carol are cleared: REST counts only Alice.
    await eventually(async () => {
      const res = await request(server.url).get('/api/rooms?q=all');
      return res.body.data.find((r: { id: number }) => r.id === room.id)?.participantCnt === 1;
    }, 20_000, 100);
    expect(await reader.memberCount(room.id)).toBe(1);

    // The dead process's entries end at their last heartbeat, not at the restart.
    await eventually(async () => (await reader.entries()).filter((e) => leftOpen.some((o) => o.id === e.id)).every((e) => e.leftAt !== null), 20_000, 100);
    const closed = (await reader.entries()).filter((e) => leftOpen.some((o) => o.id === e.id));
    for (const entry of closed) {
      expect(entry.leftAt).toBe(entry.heartbeatAt);
      expect(entry.leftAt!).toBeLessThanOrEqual(killedAt);
      expect(entry.leftAt!).toBeGreaterThan(entry.joinedAt);
    }
    // Alice's rejoin started a new presence that the new process keeps open.
    const aliceNow = (await reader.entries(alice.id)).filter((e) => e.leftAt === null);
    expect(aliceNow).toHaveLength(1);
    expect(aliceNow[0]!.joinedAt).toBeGreaterThan(killedAt);
    expect(a.connected).toBe(true);
  }, 120_000);
});
