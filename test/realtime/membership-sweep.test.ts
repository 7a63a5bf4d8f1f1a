import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createManualClock } from '../../src/shared/clock';
import { enterRoom, makeRoom, makeUser } from '../support/factories';
import { eventually, joinRoom, waitFor } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { dropRedisKeys } from '../support/redis-keys';

const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/**
 * With REDIS_URL, a process that stops gracefully ends its sockets' presences but leaves their
 * memberships in the database. The processes still running sweep for memberships no live socket holds
 * and end them after the grace; a user who reconnects to a live process within it keeps the room.
 */
describe('when one of several processes sharing rooms through Redis stops', () => {
  const prefix = `wm-test-${randomBytes(4).toString('hex')}:`;
  const settings = { REDIS_URL, REDIS_PREFIX: prefix, RECONNECT_GRACE_MS: '1500', MEMBERSHIP_SWEEP_MS: '300' };
  const warnings: string[] = [];
  const log = () => pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
  let owner: TestApp;
  let other: TestApp;
  let stopping: TestApp;
  // One clock for the three processes: sweeps and graces happen when the test moves it, so a slow join
  // on a loaded machine cannot lose a race with a real timer.
  const clock = createManualClock(Date.now());

  beforeAll(async () => {
    // `owner` holds the test database (closing it drops the MariaDB one), so it is never the one stopped.
    owner = await startTestApp(settings, { log: log(), clock });
    other = await startTestApp(settings, { shareDatabaseWith: owner, log: log(), clock });
    stopping = await startTestApp(settings, { shareDatabaseWith: owner, clock });
  });
  afterAll(async () => {
    await stopping?.close();
    await other?.close();
    await owner?.close();
    await dropRedisKeys(REDIS_URL, prefix);
  });

  it("the live processes' sweep ends the memberships it left, and a member who reconnects to a live process keeps the room", async () => {
    const [alice, bob, carol, dave] = await Promise.all([1, 2, 3, 4].map(() => makeUser(stopping)));
    const room = await makeRoom(stopping, alice!);
    for (const user of [bob!, carol!, dave!]) await enterRoom(stopping, user, room.id).expect(201);
    const [a, b, c, d] = await Promise.all([alice!, bob!, carol!, dave!].map((u) => joinRoom(stopping.url, u.token, room.id)));

    // Dave's connection drops and waits out its grace when the process stops: nobody holds his timer then.
    d!.socket.close();
    await eventually(async () => (await stopping.app.realtime.store.getMember(room.id, dave!.id))?.socketId === null);

    const carolDropped = waitFor(c!.socket, 'disconnect');
    await stopping.close();
    await carolDropped;
    expect(await owner.app.rooms.isMember(room.id, alice!.id)).toBe(true);
    // A graceful stop leaves memberships for a reconnect; carol comes back through another process.
    const c2 = await joinRoom(owner.url, carol!.token, room.id);

    // Sweeps every 300 ms of the clock, graces of 1.5 s: moved a sweep at a time until the others have left.
    await eventually(async () => {
      clock.advance(300);
      await Promise.all([owner.app.realtime.settled(), other.app.realtime.settled()]);
      const still = await Promise.all([alice!, bob!, dave!].map((u) => owner.app.rooms.isMember(room.id, u.id)));
      return still.every((m) => !m);
    }, 20_000, 100);
    expect(await owner.app.rooms.isMember(room.id, carol!.id)).toBe(true);
    expect(c2.socket.connected).toBe(true);
    const list = await other.http().get('/api/rooms?q=all').expect(200);
    expect(list.body.data.find((r: { id: number }) => r.id === room.id)).toMatchObject({ participantCnt: 1 });
    // Two processes swept the same memberships; the loser of each race found them gone, not an error.
    expect(warnings.filter((w) => w.includes('grace check failed') || w.includes('sweep failed'))).toEqual([]);

    for (const s of [a, b, c, d, c2]) s!.socket.close();
  }, 60_000);
});
