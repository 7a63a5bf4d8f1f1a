import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import request from 'supertest';
import type { DbConfig } from '../../src/config';
import type { ChatMessage, SendUsersMessage } from '../../src/contract/events';
import { findExecutable, sparePort } from '../support/child-services';
import { makeRoom, makeUser, type TestUser } from '../support/factories';
import { startNginx, type OwnNginx } from '../support/nginx';
import { dropRedisKeys } from '../support/redis-keys';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { collect, emitWithAck, eventually, waitFor, type TestSocket } from '../support/socket-client';
import { openDbReader } from '../support/sqlite-reader';
import { freshMysqlDatabase, type TestApp } from '../support/test-app';

/**
 * Two real server processes on one Redis and one database behind the project's nginx config, as
 * deploy/nginx/with-me.conf runs them. One process is killed (SIGKILL) under two full rooms: its clients
 * come back through nginx on the other one, into the same room, timer, chat and participation entry.
 */
const missing = [findExecutable('nginx') ? null : 'nginx', findExecutable('redis-server') ? null : 'redis-server'].filter(Boolean);
if (missing.length) process.stderr.write(`SKIP scale-out fault tests: ${missing.join(' and ')} not installed (apt-get install nginx redis-server)\n`);
const describeScaleOut = missing.length ? describe.skip : describe;

const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
/** Long enough that a loaded machine's reconnect lands well before the sweep's two missed beats. */
const HEARTBEAT_MS = 2_500;
const BACK_WITHIN_MS = 5_000;

type Client = { user: TestUser; address: string; socket: TestSocket; joins: SendUsersMessage[]; disconnects: number };

describeScaleOut('two server processes behind nginx when one is killed', () => {
  const prefix = `wm-scale-${randomBytes(4).toString('hex')}:`;
  let dir: string;
  let dropDatabase: (() => Promise<void>) | undefined;
  let dbConfig: DbConfig;
  let servers: ServerProcess[] = [];
  let nginx: OwnNginx;
  let reader: ReturnType<typeof openDbReader>;
  const clients: Client[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-scale-'));
    const dbEnv: Record<string, string> = {};
    if (process.env.DATABASE_URL) {
      const fresh = await freshMysqlDatabase(process.env.DATABASE_URL);
      dropDatabase = fresh.drop;
      dbEnv.DATABASE_URL = fresh.url;
      dbConfig = { dialect: 'mysql', url: fresh.url };
    } else {
      // One SQLite file for both processes: WAL mode lets two processes share it.
      dbEnv.SQLITE_PATH = path.join(dir, 'shared.sqlite');
      dbConfig = { dialect: 'sqlite', storage: dbEnv.SQLITE_PATH };
    }
    const env = {
      ...dbEnv,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      UPLOAD_DIR: path.join(dir, 'uploads'),
      HEARTBEAT_MS: String(HEARTBEAT_MS),
      RECONNECT_GRACE_MS: '15000',
      LOG_LEVEL: 'warn',
      // Each client address gets a small handshake allowance: enough for its connect and its reconnect only
      // if the processes count the address nginx forwards, not nginx's own.
      SOCKET_HANDSHAKE_IP_RATE: '0.1',
      SOCKET_HANDSHAKE_IP_BURST: '3',
      SOCKET_HANDSHAKE_USER_BURST: '100000',
    };
    // One after the other: the first one migrates the fresh database.
    servers.push(await startServerProcess(await sparePort(), env));
    servers.push(await startServerProcess(await sparePort(), env));
    nginx = await startNginx(servers.map((s) => Number(new URL(s.url).port)));
    reader = openDbReader(dbConfig);
  }, 180_000);

  afterAll(async () => {
    for (const c of clients) c.socket.close();
    for (const s of servers) {
      if (s.child.exitCode === null && s.child.signalCode === null) {
        s.child.kill('SIGTERM');
        await s.exited;
      }
    }
    await nginx?.stop();
    await reader?.close();
    await dropRedisKeys(REDIS_URL, prefix).catch(() => undefined);
    await dropDatabase?.();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** Loopback source addresses, `perProcess` of them hashed onto each process (nginx picks by address). */
  async function addressesByProcess(perProcess: number): Promise<Map<number, string[]>> {
    const byPort = new Map<number, string[]>(servers.map((s) => [Number(new URL(s.url).port), []]));
    for (let i = 2; i < 250 && [...byPort.values()].some((a) => a.length < perProcess); i++) {
      const address = `127.0.0.${i}`;
      const list = byPort.get(await nginx.upstreamFor(address))!;
      if (list.length < perProcess) list.push(address);
    }
    if ([...byPort.values()].some((a) => a.length < perProcess)) throw new Error('nginx put too few addresses on one process');
    return byPort;
  }

  /** A client as the web client behaves: through nginx, reconnecting by itself, joining again on every connect. */
  function connectThroughNginx(user: TestUser, address: string, roomId: number): Client {
    const socket: TestSocket = io(nginx.url, {
      auth: { token: user.token },
      transports: ['websocket'],
      localAddress: address,
      reconnectionDelay: 100,
      reconnectionDelayMax: 400,
      forceNew: true,
    } as Parameters<typeof io>[1]);
    const client: Client = { user, address, socket, joins: [], disconnects: 0 };
    socket.on('connect', () => void socket.emit('join room', { roomId }));
    socket.on('send users', (m) => void client.joins.push(m));
    socket.on('disconnect', () => void client.disconnects++);
    clients.push(client);
    return client;
  }

  it('its clients are back in their rooms on the other process within 5 s with the same timer and chat, nobody hears them leave, and their minutes go on in the same entry', async () => {
    const t = { http: () => request(nginx.url) } as unknown as TestApp;
    const [portA, portB] = servers.map((s) => Number(new URL(s.url).port)) as [number, number];
    const addresses = await addressesByProcess(4);
    const users = await Promise.all(Array.from({ length: 8 }, () => makeUser(t)));
    const rooms = [await makeRoom(t, users[0]!), await makeRoom(t, users[4]!)];
    // Each room: two members on each process.
    const members = rooms.map((room, r) => users.slice(4 * r, 4 * r + 4).map((user, i) => ({ room, user, address: addresses.get(i < 2 ? portA : portB)![2 * r + (i % 2)]! })));
    for (const m of members.flat()) if (m.user.id !== m.room.masterUserId) await t.http().post(`/api/room/${m.room.id}/user/${m.user.id}`).set(m.user.auth).send({}).expect(201);

    const byRoom = members.map((list) => list.map((m) => ({ ...m, client: connectThroughNginx(m.user, m.address, m.room.id) })));
    await eventually(() => clients.every((c) => c.joins.length === 1), 20_000, 50);

    const timers = new Map<number, number>();
    const history = new Map<number, string[]>();
    for (const list of byRoom) {
      const roomId = list[0]!.room.id;
      const started = await emitWithAck(list[0]!.client.socket, 'start_timer', { hours: 1, minutes: 0, seconds: 0 });
      if (!started.ok) throw new Error(`start_timer refused: ${started.code}`);
      timers.set(roomId, started.timer.endsAt!);
      history.set(roomId, []);
      for (const m of list) {
        const text = `hello from ${m.user.nickname}`;
        expect(await emitWithAck(m.client.socket, 'send_message', { message: text })).toMatchObject({ ok: true });
        history.get(roomId)!.push(text);
      }
    }
    // The entries are written behind the joins: wait until all eight are stored.
    const openOfUsers = async () => (await reader.entries()).filter((e) => e.leftAt === null && users.some((u) => u.id === e.userId));
    await eventually(async () => (await openOfUsers()).length === 8, 20_000, 50);
    const entriesBefore = await openOfUsers();

    const leftHeard = clients.map((c) => ({ client: c, left: collect(c.socket, 'user left') }));
    const [doomed] = servers.splice(0, 1) as [ServerProcess];
    const moved = byRoom.flat().filter((m) => addresses.get(portA)!.includes(m.address));
    const stayed = byRoom.flat().filter((m) => !moved.includes(m));
    expect(moved).toHaveLength(4);
    const killedAt = Date.now();
    doomed.child.kill('SIGKILL');
    await doomed.exited;

    // Back in the room through nginx, on the survivor, within 5 s: same members, same timer, same chat.
    await eventually(() => moved.every((m) => m.client.disconnects === 1 && m.client.joins.length === 2), BACK_WITHIN_MS, 25);
    expect(Date.now() - killedAt).toBeLessThan(BACK_WITHIN_MS);
    for (const m of moved) {
      const rejoin = m.client.joins[1]!;
      const others = members.flat().filter((o) => o.room.id === m.room.id && o.user.id !== m.user.id);
      expect(rejoin.otherUsers.map((u) => u.id).sort()).toEqual(others.map((o) => o.user.id).sort());
      expect(rejoin.timer).toMatchObject({ status: 'running', endsAt: timers.get(m.room.id) });
      expect(rejoin.chatHistory.map((c: ChatMessage) => c.message)).toEqual(history.get(m.room.id));
    }
    expect(stayed.every((m) => m.client.disconnects === 0 && m.client.joins.length === 1)).toBe(true);

    // Chat still reaches everyone in a room across the processes, and nobody heard anyone leave.
    for (const list of byRoom) {
      const heard = list.slice(1).map((m) => waitFor(m.client.socket, 'receive_message', (c) => c.message === 'still here'));
      expect(await emitWithAck(list[0]!.client.socket, 'send_message', { message: 'still here' })).toMatchObject({ ok: true });
      await Promise.all(heard);
    }
    expect(leftHeard.flatMap((h) => h.left)).toEqual([]);

    // Their entries stay open and the survivor heartbeats them past the two beats that would end them.
    const entryOf = (userId: number) => entriesBefore.find((e) => e.userId === userId)!;
    await eventually(async () => {
      const now = await reader.entries();
      return moved.every((m) => now.some((e) => e.id === entryOf(m.user.id).id && e.leftAt === null && e.heartbeatAt >= killedAt + 2 * HEARTBEAT_MS));
    }, 6 * HEARTBEAT_MS, 100);
    for (const m of moved) expect((await reader.entries(m.user.id)).map((e) => ({ id: e.id, leftAt: e.leftAt }))).toEqual([{ id: entryOf(m.user.id).id, leftAt: null }]);

    // After they quit, one entry each covers the whole stay, across the kill.
    const quitAt = new Map<number, number>();
    for (const m of moved) {
      quitAt.set(m.user.id, Date.now());
      expect(await emitWithAck(m.client.socket, 'quit room')).toMatchObject({ ok: true });
    }
    await eventually(async () => (await reader.entries()).filter((e) => moved.some((m) => m.user.id === e.userId)).every((e) => e.leftAt !== null), 10_000, 100);
    for (const m of moved) {
      const [entry, ...more] = await reader.entries(m.user.id);
      expect(more).toEqual([]);
      expect(entry!.joinedAt).toBe(entryOf(m.user.id).joinedAt);
      expect(entry!.leftAt!).toBeGreaterThanOrEqual(quitAt.get(m.user.id)!);
    }
  }, 180_000);
});
