import pino from 'pino';
import { Op } from 'sequelize';
import { makeRoom, makeUser } from '../support/factories';
import { eventually, joinRoom } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Memberships a dead process left in the database are cleared after the grace on the next start, a few
 * at a time, so a restart with very many of them does not stall REST. The benchmark's 10 000 are scaled
 * down here; what is asserted is the outcome (all end, REST answers, a returning member stays), not speed.
 */
const STALE = 300;
const FIRST_ID = 100_001;

/** Users in full rooms of 4, written straight into the database as a crashed process would leave them. */
async function seedStaleMemberships(t: TestApp, count: number): Promise<void> {
  const qi = t.app.db.sequelize.getQueryInterface();
  const now = new Date();
  const users = Array.from({ length: count }, (_, i) => ({
    id: FIRST_ID + i,
    origin: `stale-${FIRST_ID + i}@example.com`,
    nickname: `s${(FIRST_ID + i).toString(36)}`,
    pwdHash: null,
    profileImg: null,
    statusMsg: 'stale',
    type: 'anon',
    newBadge: null,
    masterBadgeId: null,
    createdAt: now,
    updatedAt: now,
  }));
  const roomIdOf = (i: number) => FIRST_ID + Math.floor(i / 4);
  const rooms = users
    .filter((_, i) => i % 4 === 0)
    .map((u, r) => ({ id: FIRST_ID + r, title: `stale room ${FIRST_ID + r}`, isSecret: false, pwdHash: null, masterUserId: u.id, likeCnt: 0, participantCnt: Math.min(4, count - r * 4), capacity: 4, categoryId: 3, createdAt: now, updatedAt: now }));
  const members = users.map((u, i) => ({ roomId: roomIdOf(i), userId: u.id, joinedAt: new Date(now.getTime() + (i % 4)) }));
  await t.app.db.tx(async (transaction) => {
    for (const [table, rows] of [['users', users], ['rooms', rooms], ['room_members', members]] as const) {
      for (let i = 0; i < rows.length; i += 100) await qi.bulkInsert(table, rows.slice(i, i + 100), { transaction });
    }
  });
}

const membershipCount = (t: TestApp) => t.app.models.RoomMember.count();
const staleRoomCount = (t: TestApp) => t.app.models.Room.count({ where: { title: { [Op.like]: 'stale room %' } } });

describe('when a server starts with many memberships nobody holds', () => {
  it(`ends all ${STALE} after the grace while REST keeps answering, and a member who reconnects within the grace keeps the room`, async () => {
    // The first app only holds the database (its own start saw it empty); the second is the restart.
    const first = await startTestApp({ RECONNECT_GRACE_MS: '600000' });
    let second: TestApp | undefined;
    try {
      const alice = await makeUser(first);
      const room = await makeRoom(first, alice);
      await seedStaleMemberships(first, STALE);
      expect(await membershipCount(first)).toBe(STALE + 1);

      second = await startTestApp({ RECONNECT_GRACE_MS: '3000' }, { shareDatabaseWith: first });
      const a = await joinRoom(second.url, alice.token, room.id);

      // The cleanup has begun: a REST request made meanwhile is answered (the count itself is REST-free).
      await eventually(async () => (await membershipCount(second!)) < STALE + 1, 30_000, 50);
      const list = await second.http().get('/api/rooms?q=all');
      expect(list.status).toBe(200);

      await eventually(async () => (await membershipCount(second!)) === 1, 60_000, 100);
      expect(await staleRoomCount(second)).toBe(0);
      expect(await second.app.rooms.isMember(room.id, alice.id)).toBe(true);
      expect(a.socket.connected).toBe(true);
      const after = await second.http().get('/api/rooms?q=all').expect(200);
      expect(after.body.data.find((r: { id: number }) => r.id === room.id)).toMatchObject({ participantCnt: 1 });
      a.socket.close();
    } finally {
      await second?.close();
      await first.close();
    }
  }, 120_000);

  it('stops cleanly mid-cleanup: close resolves and no check runs against the closed database', async () => {
    const first = await startTestApp({ RECONNECT_GRACE_MS: '600000' });
    const warnings: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    let second: TestApp | undefined;
    try {
      await seedStaleMemberships(first, STALE);
      second = await startTestApp({ RECONNECT_GRACE_MS: '200' }, { shareDatabaseWith: first, log });
      await eventually(async () => (await membershipCount(first)) < STALE, 30_000, 20);
      await second.close();
      // A few more round trips to the database, so a check that outlived the stop has had its turn to fail.
      const left = await membershipCount(first);
      expect(await membershipCount(first)).toBe(left);
      expect(warnings.filter((w) => w.includes('grace check failed'))).toEqual([]);
    } finally {
      await second?.close();
      await first.close();
    }
  }, 120_000);
});
