import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { enterRoom, makeRoom, makeUser } from '../support/factories';
import { createManualClock } from '../../src/shared/clock';
import { emit, emitWithAck, eventually, joinRoom, waitFor, type TestSocket } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { dropRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/** A TCP hop in front of the real Redis that the test can cut, as a network failure would. */
async function startTcpProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** Two server instances on one database and one Redis, as two processes behind a load balancer would be. */
describe('two processes sharing rooms through Redis', () => {
  const prefix = `wm-test-${randomBytes(4).toString('hex')}:`;
  // One clock for both processes, as one machine's: the timer's end and the graces come when the test moves it.
  const clock = createManualClock(Date.now());
  let one: TestApp;
  let two: TestApp;
  /** Both processes' scheduled work done, then one message each way through Redis, so what they sent has arrived. */
  async function settledEverywhere(a: TestSocket, b: TestSocket) {
    await Promise.all([one.app.realtime.settled(), two.app.realtime.settled()]);
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const arrived = waitFor(to, 'receive_message', (m) => m.message === 'barrier');
      emit(from, 'send_message', { message: 'barrier' });
      await arrived;
    }
  }
  const HEARTBEAT_MS = 60_000;
  beforeAll(async () => {
    one = await startTestApp({ REDIS_URL, REDIS_PREFIX: prefix, RECONNECT_GRACE_MS: '1500', HEARTBEAT_MS: String(HEARTBEAT_MS) }, { clock });
    two = await startTestApp({ REDIS_URL, REDIS_PREFIX: prefix, RECONNECT_GRACE_MS: '1500', HEARTBEAT_MS: String(HEARTBEAT_MS) }, { shareDatabaseWith: one, clock });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await dropRedisKeys(REDIS_URL, prefix);
  });

  it('users on different instances see each other, chat, signal, and share one timer that ends once', async () => {
    const alice = await makeUser(one);
    const bob = await makeUser(two);
    const room = await makeRoom(one, alice);
    await enterRoom(two, bob, room.id).expect(201);

    const a = await joinRoom(one.url, alice.token, room.id);
    await emitWithAck(a.socket, 'send_message', { message: 'from one' });
    const b = await joinRoom(two.url, bob.token, room.id);
    expect(b.sendUsers.otherUsers).toEqual([expect.objectContaining({ id: alice.id, socketId: a.socket.id })]);
    expect(b.sendUsers.chatHistory).toEqual([expect.objectContaining({ message: 'from one', sender: alice.nickname })]);

    const toAlice = waitFor(a.socket, 'receive_message');
    emit(b.socket, 'send_message', { message: 'from two' });
    expect(await toAlice).toMatchObject({ message: 'from two', sender: bob.nickname, id: bob.id });

    const joined = waitFor(a.socket, 'user joined');
    expect(await emitWithAck(b.socket, 'send signal', { userToSignal: a.socket.id!, signal: { type: 'offer', sdp: 'x' } })).toMatchObject({ ok: true });
    expect(await joined).toMatchObject({ callerId: b.socket.id, callerNickname: bob.nickname });

    const endedA: unknown[] = [];
    const endedB: unknown[] = [];
    a.socket.on('timer state', (s) => s.status === 'idle' && endedA.push(s));
    b.socket.on('timer state', (s) => s.status === 'idle' && endedB.push(s));
    const runningOnB = waitFor(b.socket, 'timer state', (s) => s.status === 'running');
    const replies = await Promise.all([
      emitWithAck(a.socket, 'start_timer', { hours: 0, minutes: 0, seconds: 1 }),
      emitWithAck(b.socket, 'start_timer', { hours: 0, minutes: 0, seconds: 1 }),
    ]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect((await runningOnB).version).toBe(1);
    const idleOnB = waitFor(b.socket, 'timer state', (s) => s.status === 'idle');
    clock.advance(1_000);
    await idleOnB;
    // Both processes hold the room; only one may announce the end.
    await settledEverywhere(a.socket, b.socket);
    expect(endedA).toHaveLength(1);
    expect(endedB).toHaveLength(1);

    const paused = waitFor(a.socket, 'timer state', (s) => s.status === 'paused');
    expect(await emitWithAck(b.socket, 'start_timer', { hours: 1, minutes: 0, seconds: 0 })).toMatchObject({ ok: true });
    expect(await emitWithAck(a.socket, 'stop_time')).toMatchObject({ ok: true });
    expect(await paused).toMatchObject({ version: 4 });

    const left = waitFor(a.socket, 'user left');
    await two.http().delete(`/api/room/${room.id}/user/${bob.id}`).set(bob.auth).expect(200);
    expect(await left).toMatchObject({ socketId: b.socket.id, userInfo: { id: bob.id } });
    expect(await emitWithAck(b.socket, 'send_message', { message: 'gone' })).toMatchObject({ ok: false, code: 'NOT_IN_ROOM' });
    a.socket.close();
    b.socket.close();
  });

  it('a user reconnecting to the other instance inside the grace keeps the membership; a newer connection replaces the older across instances', async () => {
    const alice = await makeUser(one);
    const bob = await makeUser(one);
    const room = await makeRoom(one, alice);
    await enterRoom(one, bob, room.id).expect(201);
    const a = await joinRoom(one.url, alice.token, room.id);
    const b1 = await joinRoom(one.url, bob.token, room.id);
    const userLeft: unknown[] = [];
    a.socket.on('user left', (m) => userLeft.push(m));

    const dropped = waitFor(b1.socket, 'disconnect');
    const b2 = await joinRoom(two.url, bob.token, room.id);
    await dropped;
    expect(b2.sendUsers.otherUsers).toEqual([expect.objectContaining({ socketId: a.socket.id })]);
    // Past the grace of the replaced connection: its check runs and must keep the membership.
    clock.advance(1_800);
    await settledEverywhere(a.socket, b2.socket);
    expect(await one.app.rooms.isMember(room.id, bob.id)).toBe(true);
    expect(userLeft).toEqual([]);

    const chat = waitFor(b2.socket, 'receive_message');
    emit(a.socket, 'send_message', { message: 'still together' });
    expect(await chat).toMatchObject({ message: 'still together' });
    a.socket.close();
    b2.socket.close();
  });

  it('when a member\'s connection moves to the other instance, that instance takes over the presence\'s one entry: it keeps it fresh and ends it at the quit', async () => {
    const alice = await makeUser(one);
    const bob = await makeUser(one);
    const room = await makeRoom(one, alice);
    await enterRoom(one, bob, room.id).expect(201);
    const a = await joinRoom(one.url, alice.token, room.id);
    const b1 = await joinRoom(one.url, bob.token, room.id);
    const entriesOf = () => two.app.participationStore.listOverlapping(bob.id, 0, Number.MAX_SAFE_INTEGER);
    await eventually(async () => (await entriesOf()).length === 1);
    const [first] = await entriesOf();

    const dropped = waitFor(b1.socket, 'disconnect');
    const b2 = await joinRoom(two.url, bob.token, room.id);
    await dropped;
    await eventually(() => two.app.participationRecorder.pendingWrites() === 0);
    // Two now vouches for the entry (no second one): a beat there moves its heartbeat.
    clock.advance(HEARTBEAT_MS);
    await settledEverywhere(a.socket, b2.socket);
    await two.app.participationRecorder.tick();
    const [resumed, ...more] = await entriesOf();
    expect(more).toEqual([]);
    expect(resumed).toMatchObject({ id: first!.id, leftAt: null });
    expect(resumed!.heartbeatAt).toBe(clock.now());

    clock.advance(HEARTBEAT_MS);
    const quitAt = clock.now();
    expect(await emitWithAck(b2.socket, 'quit room')).toMatchObject({ ok: true });
    await eventually(async () => (await entriesOf())[0]?.leftAt != null);
    expect(await entriesOf()).toEqual([expect.objectContaining({ id: first!.id, joinedAt: first!.joinedAt, leftAt: quitAt })]);
    a.socket.close();
    b2.socket.close();
  });

  it('answers UNAVAILABLE instead of hanging when Redis is unreachable', async () => {
    const proxy = await startTcpProxy(new URL(REDIS_URL));
    const broken = await startTestApp({ REDIS_URL: proxy.url, REDIS_PREFIX: prefix, REDIS_COMMAND_TIMEOUT_MS: '200' });
    try {
      const alice = await makeUser(broken);
      const room = await makeRoom(broken, alice);
      const a = await joinRoom(broken.url, alice.token, room.id);
      await proxy.cut();
      const started = Date.now();
      expect(await emitWithAck(a.socket, 'send_message', { message: 'anyone?' })).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
      expect(await emitWithAck(a.socket, 'start_timer', { hours: 0, minutes: 1, seconds: 0 })).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect((await broken.http().get('/api/ready')).status).toBe(503);
      a.socket.close();
    } finally {
      await broken.close();
    }
  });
});
