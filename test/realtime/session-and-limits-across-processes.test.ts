import { randomBytes } from 'node:crypto';
import { createManualClock } from '../../src/shared/clock';
import { enterRoom, makeRoom, makeUser } from '../support/factories';
import { dropRedisKeys } from '../support/redis-keys';
import { emitWithAck, eventually, joinRoom, waitFor } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';

const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

describe('with REDIS_URL, a user’s limits and log-out reach every process', () => {
  const prefix = `wm-test-${randomBytes(4).toString('hex')}:`;
  const clock = createManualClock(Date.now());
  const env = { REDIS_URL, REDIS_PREFIX: prefix, SOCKET_CHAT_RATE: '5', SOCKET_CHAT_BURST: '5', RECONNECT_GRACE_MS: String(24 * 3600_000) };
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    one = await startTestApp(env, { clock });
    two = await startTestApp(env, { clock, shareDatabaseWith: one });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await dropRedisKeys(REDIS_URL, prefix);
  });

  it('when one user alternates between two processes, at most the chat limit gets through per second', async () => {
    const alice = await makeUser(one);
    const bob = await makeUser(one);
    const room = await makeRoom(one, alice);
    await enterRoom(one, bob, room.id).expect(201);
    const b = await joinRoom(one.url, bob.token, room.id);

    let accepted = 0;
    for (let second = 0; second < 2; second++) {
      for (const app of [one, two, one, two]) {
        const a = await joinRoom(app.url, alice.token, room.id);
        for (let i = 0; i < 5; i++) if ((await emitWithAck(a.socket, 'send_message', { message: `m${second}` })).ok) accepted++;
        const gone = waitFor(a.socket, 'disconnect');
        a.socket.close();
        await gone;
      }
      expect(accepted).toBe(5 * (second + 1));
      clock.advance(1_000);
    }
    b.socket.close();
  });

  it('when a user logs out on one process, the socket on the other is told UNAUTHENTICATED and disconnected', async () => {
    const carol = await makeUser(one);
    const c = await joinRoom(two.url, carol.token, (await makeRoom(one, carol)).id);
    const told = waitFor(c.socket, 'error');
    const gone = waitFor(c.socket, 'disconnect');
    // Both apps write one SQLite file in this test: a log-out that meets the other's write lock answers 503, and is retried.
    await eventually(async () => (await one.http().delete('/api/auth/local').set(carol.auth)).status === 200);
    expect(await told).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await gone).toBe('io server disconnect');
  });
});
