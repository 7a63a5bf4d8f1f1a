import { randomInt, randomUUID } from 'node:crypto';
import type { NewEntry, ParticipationEntry, ParticipationStore } from './participation.store';

export type StoreUnderTest = { store: ParticipationStore; dispose: () => Promise<void> };

const MIN = 60_000;
/** Tests that sweep use instants in 2001 and everything else 2026, so a sweep never touches another test's entries. */
const SWEEP_ERA = Date.UTC(2001, 0, 1);
const BASE = Date.UTC(2026, 0, 5);

/**
 * The behaviour every participation store adapter must have. Each adapter's test file calls this with a
 * factory for a real store on a real database; the suite never looks behind the port.
 */
export function participationStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>) {
  describe(`participation store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: ParticipationStore;
    beforeAll(async () => {
      subject = await makeStore();
      store = subject.store;
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

    it('answers ping while its database is up', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
