import { randomBytes } from 'node:crypto';
import { createManualClock } from '../../src/shared/clock';
import { enterRoom, makeRoom, makeUser } from '../support/factories';
import { findExecutable, startOwnRedis, type OwnServer } from '../support/child-services';
import { collect, emitWithAck, eventually, joinRoom, waitFor } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Redis comes back empty (a restart without persistence, a failover, a flush) while the members' sockets
 * never dropped: the live state is rebuilt from the sockets each process holds, and a member whose socket
 * did drop meanwhile leaves with `user left` and an ended presence.
 */
const hasRedis = Boolean(findExecutable('redis-server'));
if (!hasRedis) process.stderr.write('SKIP redis-empty fault tests: redis-server is not installed (apt-get install redis-server)\n');
const describeWithRedis = hasRedis ? describe : describe.skip;

describeWithRedis('when Redis restarts empty under connected members', () => {
  const clock = createManualClock(Date.now());
  let redis: OwnServer;
  let t: TestApp;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    redis = await startOwnRedis();
    t = await startTestApp({ REDIS_URL: redis.url, REDIS_PREFIX: `wm-empty-${randomBytes(4).toString('hex')}:`, RECONNECT_GRACE_MS: '60000', MEMBERSHIP_SWEEP_MS: '30000' }, { clock });
  }, 60_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await redis?.dispose();
    process.off('unhandledRejection', onUnhandled);
  }, 30_000);

  it('members stay in the room (chat both ways, no rejoin), a member who dropped meanwhile leaves with user left, and minutes stay right', async () => {
    const [alice, bob, carol] = [await makeUser(t), await makeUser(t), await makeUser(t)];
    const room = await makeRoom(t, alice);
    await enterRoom(t, bob, room.id).expect(201);
    await enterRoom(t, carol, room.id).expect(201);
    const a = (await joinRoom(t.url, alice.token, room.id)).socket;
    const b = (await joinRoom(t.url, bob.token, room.id)).socket;
    const c = (await joinRoom(t.url, carol.token, room.id)).socket;
    expect(t.app.participationRecorder.openPresences()).toBe(3);
    const leftForA = collect(a, 'user left');

    await redis.kill();
    c.close(); // Carol drops while Redis is down: her detach cannot be stored.
    await redis.start();
    await eventually(async () => (await t.http().get('/api/ready')).status === 200, 20_000, 200);

    // Nobody rejoins: the process puts its sockets' members back by itself.
    await eventually(async () => (await emitWithAck(a, 'send_message', { message: 'still here?' })).ok, 10_000, 100);
    const toA = waitFor(a, 'receive_message', (m) => m.message === 'yes');
    expect(await emitWithAck(b, 'send_message', { message: 'yes' })).toMatchObject({ ok: true });
    await toA;

    // Past the grace and a few sweeps: Carol leaves, told to the room; Alice and Bob stay.
    const carolLeft = waitFor(b, 'user left', (m) => m.userInfo.id === carol.id);
    clock.advance(61_000);
    clock.advance(31_000);
    expect(await carolLeft).toMatchObject({ userInfo: { id: carol.id } });
    await eventually(() => t.app.participationRecorder.openPresences() === 2);
    clock.advance(31_000);
    const toB = waitFor(b, 'receive_message', (m) => m.message === 'after the sweep');
    expect(await emitWithAck(a, 'send_message', { message: 'after the sweep' })).toMatchObject({ ok: true });
    await toB;
    expect(leftForA.map((m) => m.userInfo.id)).toEqual([carol.id]);
    expect(t.app.participationRecorder.openPresences()).toBe(2);
    // Stored entries: Carol's ended at the end of her grace, Alice's and Bob's are still open.
    const entries = async (userId: number) => t.app.participationStore.listOverlapping(userId, 0, clock.now() + 1);
    await eventually(async () => (await entries(carol.id)).every((e) => e.leftAt !== null));
    expect((await entries(carol.id)).map((e) => e.leftAt! - e.joinedAt)).toEqual([expect.any(Number)]);
    for (const user of [alice, bob]) expect((await entries(user.id)).map((e) => e.leftAt)).toEqual([null]);
    expect(unhandled).toEqual([]);
    a.close();
    b.close();
  }, 60_000);
});
