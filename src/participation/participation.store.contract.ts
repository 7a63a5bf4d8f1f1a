import { randomInt, randomUUID } from 'node:crypto';
import type { NewEntry, ParticipationEntry, ParticipationStore } from './participation.store';

export type StoreUnderTest = { store: ParticipationStore; dispose: () => Promise<void> };

const MIN = 60_000;
/** Tests that sweep use instants in 2001 and everything else 2026, so a sweep never touches another test's entries. */
const SWEEP_ERA = Date.UTC(2001, 0, 1);
const BASE = Date.UTC(2026, 0, 5);
/** The zone every adapter under test is built with: Seoul, UTC+9 all year. */
export const CONTRACT_TZ = 'Asia/Seoul';
/** Users the contract's `listedAmong` leaves off the leaderboard (as the users table would a guest). */
const UNLISTED = new Set<number>();
/** The `listedAmong` every adapter under test is given. */
export const contractListedAmong = async (ids: readonly number[]): Promise<ReadonlySet<number>> => new Set(ids.filter((id) => !UNLISTED.has(id)));
/** Seoul wall-clock time as an instant. */
const kst = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h - 9, mi);

/**
 * The behaviour every participation store adapter must have. Each adapter's test file calls this with a
 * factory for a real store on a real database; the suite never looks behind the port.
 */
export function participationStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>) {
  describe(`participation store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: ParticipationStore;
    let firstBackfill: number;
    beforeAll(async () => {
      subject = await makeStore();
      store = subject.store;
      firstBackfill = await store.backfillRollup();
    });
    afterAll(() => subject?.dispose());

    const newUser = () => randomInt(1, 2_000_000_000);
    const open = (userId: number, joinedAt: number, more: Partial<NewEntry> = {}): NewEntry => ({
      id: randomUUID(),
      userId,
      roomId: 11,
      categoryId: 3,
      joinedAt,
      heartbeatAt: joinedAt,
      ...more,
    });
    const all = (userId: number) => store.listOverlapping(userId, 0, Number.MAX_SAFE_INTEGER);

    it('when an entry is appended, it is listed open with every field as numbers', async () => {
      const userId = newUser();
      const e = open(userId, BASE, { roomId: 42, categoryId: 6 });
      await store.append(e);
      expect(await all(userId)).toEqual([{ ...e, leftAt: null }]);
    });

    it('when the same entry is appended twice (a retry), there is still one entry', async () => {
      const userId = newUser();
      const e = open(userId, BASE);
      await store.append(e);
      await store.append({ ...e, heartbeatAt: BASE + MIN });
      expect(await all(userId)).toHaveLength(1);
    });

    it('when an entry ends, a later end replaces leftAt and an earlier one changes nothing', async () => {
      const userId = newUser();
      const e = open(userId, BASE);
      await store.append(e);
      await store.end(e.id, BASE + 30 * MIN);
      expect((await all(userId))[0]!.leftAt).toBe(BASE + 30 * MIN);
      await store.end(e.id, BASE + 10 * MIN);
      expect((await all(userId))[0]!.leftAt).toBe(BASE + 30 * MIN);
      await store.end(e.id, BASE + 45 * MIN);
      expect((await all(userId))[0]!.leftAt).toBe(BASE + 45 * MIN);
    });

    it('when an unknown entry is ended or touched, nothing happens and nothing throws', async () => {
      await expect(store.end(randomUUID(), BASE)).resolves.toBeUndefined();
      await expect(store.touch([randomUUID()], BASE)).resolves.toBeUndefined();
      await expect(store.touch([], BASE)).resolves.toBeUndefined();
    });

    it('lists exactly the entries overlapping [from, to), oldest first, for that user only', async () => {
      const userId = newUser();
      const from = BASE + 60 * MIN;
      const to = BASE + 120 * MIN;
      const endsAtFrom = open(userId, BASE);
      const straddlesFrom = open(userId, BASE + 30 * MIN);
      const inside = open(userId, BASE + 70 * MIN);
      const startsAtTo = open(userId, to);
      const stillOpen = open(userId, BASE + 10 * MIN);
      const otherUser = open(newUser(), BASE + 70 * MIN);
      await store.appendMany([
        { ...endsAtFrom, leftAt: from },
        { ...straddlesFrom, leftAt: from + 1 },
        { ...inside, leftAt: BASE + 80 * MIN },
        { ...startsAtTo, leftAt: to + MIN },
      ]);
      await store.append(stillOpen);
      await store.append(otherUser);
      const ids = (await store.listOverlapping(userId, from, to)).map((e) => e.id);
      expect(ids).toEqual([stillOpen.id, straddlesFrom.id, inside.id]);
    });

    it('touch moves the heartbeat of the open entries named, never of ended ones', async () => {
      const userId = newUser();
      const live = open(userId, BASE);
      const ended = open(userId, BASE + MIN);
      const untouched = open(userId, BASE + 2 * MIN);
      await store.append(live);
      await store.append(ended);
      await store.append(untouched);
      await store.end(ended.id, BASE + 5 * MIN);
      await store.touch([live.id, ended.id], BASE + 9 * MIN);
      const byId = new Map((await all(userId)).map((e) => [e.id, e]));
      expect(byId.get(live.id)!.heartbeatAt).toBe(BASE + 9 * MIN);
      expect(byId.get(ended.id)!.heartbeatAt).toBe(BASE + MIN);
      expect(byId.get(untouched.id)!.heartbeatAt).toBe(BASE + 2 * MIN);
    });

    it('resumeOpen takes over the user\'s newest open entry in that room, and finds none once it ended', async () => {
      const userId = newUser();
      const older = open(userId, BASE, { roomId: 7 });
      const newer = open(userId, BASE + MIN, { roomId: 7 });
      const elsewhere = open(userId, BASE + 2 * MIN, { roomId: 8 });
      for (const e of [older, newer, elsewhere]) await store.append(e);
      // At the heartbeat it already has (nothing changes), and then at a later one.
      expect(await store.resumeOpen(userId, 7, BASE + MIN)).toEqual({ ...newer, leftAt: null });
      expect(await store.resumeOpen(userId, 7, BASE + 5 * MIN)).toEqual({ ...newer, leftAt: null, heartbeatAt: BASE + 5 * MIN });
      const byId = new Map((await all(userId)).map((e) => [e.id, e]));
      expect(byId.get(newer.id)!.heartbeatAt).toBe(BASE + 5 * MIN);
      expect(byId.get(older.id)!.heartbeatAt).toBe(BASE);
      expect(byId.get(elsewhere.id)!.heartbeatAt).toBe(BASE + 2 * MIN);
      await store.end(older.id, BASE + 3 * MIN);
      await store.end(newer.id, BASE + 6 * MIN);
      expect(await store.resumeOpen(userId, 7, BASE + 7 * MIN)).toBeNull();
      expect(await store.resumeOpen(newUser(), 7, BASE)).toBeNull();
    });

    it('endStale ends open entries with an old heartbeat at that heartbeat, and leaves fresh and ended ones', async () => {
      const userId = newUser();
      const stale = open(userId, SWEEP_ERA, { heartbeatAt: SWEEP_ERA + 17 * MIN });
      const fresh = open(userId, SWEEP_ERA, { heartbeatAt: SWEEP_ERA + 60 * MIN });
      const ended = open(userId, SWEEP_ERA, { heartbeatAt: SWEEP_ERA + MIN });
      for (const e of [stale, fresh, ended]) await store.append(e);
      await store.end(ended.id, SWEEP_ERA + 2 * MIN);
      expect(await store.endStale(SWEEP_ERA + 30 * MIN)).toBe(1);
      const byId = new Map((await all(userId)).map((e) => [e.id, e]));
      expect(byId.get(stale.id)!.leftAt).toBe(SWEEP_ERA + 17 * MIN);
      expect(byId.get(fresh.id)!.leftAt).toBeNull();
      expect(byId.get(ended.id)!.leftAt).toBe(SWEEP_ERA + 2 * MIN);
      expect(await store.endStale(SWEEP_ERA + 30 * MIN)).toBe(0);
    });

    it('after a sweep ended an entry early, the owner\'s real end still extends it', async () => {
      const userId = newUser();
      const e = open(userId, SWEEP_ERA - 60 * MIN, { heartbeatAt: SWEEP_ERA - 50 * MIN });
      await store.append(e);
      await store.endStale(SWEEP_ERA - 40 * MIN);
      await store.end(e.id, SWEEP_ERA - 20 * MIN);
      expect((await all(userId))[0]!.leftAt).toBe(SWEEP_ERA - 20 * MIN);
    });

    it('appendMany stores a large batch exactly, times beyond 2^32 included', async () => {
      const userId = newUser();
      const far = Date.UTC(2100, 0, 1);
      const entries: ParticipationEntry[] = Array.from({ length: 1_234 }, (_, i) => {
        const joinedAt = far + i * 10 * MIN;
        return { id: randomUUID(), userId, roomId: 5, categoryId: 1 + (i % 6), joinedAt, leftAt: joinedAt + 7 * MIN + i, heartbeatAt: joinedAt + 7 * MIN + i };
      });
      await store.appendMany(entries);
      await store.appendMany([]);
      const listed = await all(userId);
      expect(listed).toHaveLength(entries.length);
      expect(listed[1_000]).toEqual(entries[1_000]);
      expect(typeof listed[0]!.joinedAt).toBe('number');
    });

    describe('the roll-up', () => {
      const minutesByDay = async (userId: number, from = '2000-01-01', to = '2199-12-31') =>
        (await store.dayTotals(userId, from, to)).map((t) => [t.day, t.categoryId, t.ms / MIN]);

      it('when an entry crossing midnight (TZ_NAME) ends, each calendar day gets its own part', async () => {
        const userId = newUser();
        const e = open(userId, kst(2026, 3, 10, 23, 30), { categoryId: 2 });
        await store.append(e);
        expect(await store.dayTotals(userId, '2026-03-10', '2026-03-11')).toEqual([]);
        await store.end(e.id, kst(2026, 3, 11, 0, 45));
        expect(await minutesByDay(userId)).toEqual([['2026-03-10', 2, 30], ['2026-03-11', 2, 45]]);
        expect(await minutesByDay(userId, '2026-03-11', '2026-03-11')).toEqual([['2026-03-11', 2, 45]]);
      });

      it('when an entry is ended again, only a later end adds, and only the difference', async () => {
        const userId = newUser();
        const e = open(userId, kst(2026, 3, 12, 9));
        await store.append(e);
        await store.end(e.id, kst(2026, 3, 12, 9, 30));
        await store.end(e.id, kst(2026, 3, 12, 9, 30));
        await store.end(e.id, kst(2026, 3, 12, 9, 10));
        expect(await minutesByDay(userId)).toEqual([['2026-03-12', 3, 30]]);
        await store.end(e.id, kst(2026, 3, 12, 9, 45));
        expect(await minutesByDay(userId)).toEqual([['2026-03-12', 3, 45]]);
      });

      it('when two ends of one entry race, the roll-up holds the later one exactly once', async () => {
        const userId = newUser();
        const e = open(userId, kst(2026, 3, 13, 9));
        await store.append(e);
        await Promise.all([store.end(e.id, kst(2026, 3, 13, 9, 20)), store.end(e.id, kst(2026, 3, 13, 9, 50)), store.end(e.id, kst(2026, 3, 13, 9, 50))]);
        expect(await minutesByDay(userId)).toEqual([['2026-03-13', 3, 50]]);
      });

      it('after a restart, open entries ended by the sweep add exactly up to their last heartbeat; the real end adds the rest', async () => {
        const userId = newUser();
        const joinedAt = SWEEP_ERA + 3 * 3_600_000;
        const e = open(userId, joinedAt, { heartbeatAt: joinedAt + 25 * MIN });
        await store.append(e);
        expect(await store.listOpen(userId)).toEqual([{ ...e, leftAt: null }]);
        await store.endStale(joinedAt + 40 * MIN);
        expect(await store.listOpen(userId)).toEqual([]);
        expect(await minutesByDay(userId)).toEqual([['2001-01-01', 3, 25]]);
        await store.endStale(joinedAt + 40 * MIN);
        expect(await minutesByDay(userId)).toEqual([['2001-01-01', 3, 25]]);
        await store.end(e.id, joinedAt + 60 * MIN);
        expect(await minutesByDay(userId)).toEqual([['2001-01-01', 3, 60]]);
      });

      it('appendMany rolls up the ended entries it stores, summing several on one day, and leaves open ones out', async () => {
        const userId = newUser();
        const day = kst(2026, 4, 1, 8);
        await store.appendMany([
          { ...open(userId, day), leftAt: day + 10 * MIN },
          { ...open(userId, day + 60 * MIN), leftAt: day + 75 * MIN },
          { ...open(userId, day, { categoryId: 5 }), leftAt: day + 5 * MIN },
        ]);
        await store.append(open(userId, day + 120 * MIN));
        expect(await minutesByDay(userId)).toEqual([['2026-04-01', 3, 25], ['2026-04-01', 5, 5]]);
        expect(await store.listOpen(userId)).toHaveLength(1);
      });

      it('ranks listed users of one week or month by whole minutes, ties sharing a rank, with the asker placed beyond the limit', async () => {
        // A week of its own (2031-03-03 is a Monday) keeps the board to this test's users.
        const [a, b, c, d, hidden] = [newUser(), newUser(), newUser(), newUser(), newUser()].sort((x, y) => x - y) as [number, number, number, number, number];
        UNLISTED.add(hidden);
        const at = kst(2031, 3, 4, 9);
        const ended = (userId: number, minutes: number, categoryId = 3, when = at) => ({ ...open(userId, when, { categoryId }), leftAt: when + minutes * MIN + 30_000 });
        await store.appendMany([ended(a, 60), ended(b, 60), ended(c, 20), ended(c, 9, 4), ended(d, 5), ended(hidden, 90), ended(d, 100, 3, kst(2031, 3, 28, 9))]);
        const week = { period: 'week' as const, firstDay: '2031-03-03', categoryId: null, limit: 2 };
        expect(await store.rankUsers({ ...week, userId: c })).toEqual({
          top: [{ userId: a, minutes: 60, rank: 1 }, { userId: b, minutes: 60, rank: 1 }],
          me: { userId: c, minutes: 30, rank: 3 },
        });
        expect((await store.rankUsers({ ...week, categoryId: 4, userId: null })).top).toEqual([{ userId: c, minutes: 9, rank: 1 }]);
        expect((await store.rankUsers({ ...week, userId: hidden })).me).toBeNull();
        const month = await store.rankUsers({ period: 'month', firstDay: '2031-03-01', categoryId: null, limit: 10, userId: d });
        expect(month.top.map((r) => [r.userId, r.rank])).toEqual([[d, 1], [a, 2], [b, 2], [c, 4]]);
        await store.setListed(b, false);
        await store.setListed(hidden, true);
        expect((await store.rankUsers({ ...week, limit: 10, userId: null })).top.map((r) => [r.userId, r.minutes, r.rank])).toEqual([[hidden, 90, 1], [a, 60, 2], [c, 30, 3], [d, 5, 4]]);
      });

      it('backfills once: the first call at start may roll up, every later one does nothing', async () => {
        expect(firstBackfill).toBeGreaterThanOrEqual(0);
        expect(await store.backfillRollup()).toBe(0);
      });
    });

    it('answers ping while its database is up', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
