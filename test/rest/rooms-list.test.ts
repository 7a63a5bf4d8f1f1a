import { createManualClock } from '../../src/shared/clock';
import { enterRoom, makeRoom, makeUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

// Each room is created one second after the previous one, so "newest first" is a fact the test controls.
// The grace is long: moving the clock runs the grace checks, and a room entered over REST without a socket
// `join room` would otherwise be left (and deleted) while the test builds its list.
const clock = createManualClock();
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ RECONNECT_GRACE_MS: '86400000' }, { clock });
});
afterAll(() => t.close());

type Summary = { id: number; title: string; isSecret: boolean; participantCnt: number; category: { id: number }; Tags: { name: string }[] };
const ids = (body: { data: Summary[] }) => body.data.map((r) => r.id);

async function roomBy(overrides: Parameters<typeof makeRoom>[2] = {}, owner?: TestUser) {
  clock.advance(1_000);
  return makeRoom(t, owner ?? (await makeUser(t)), overrides);
}

describe('GET /api/rooms paging', () => {
  it('page 1 holds the 7 newest rooms, page 2 the next 8, and a page past the end is empty', async () => {
    const created: number[] = [];
    for (let i = 0; i < 17; i++) created.push((await roomBy({ title: `page room ${i}` })).id);
    const newest = [...created].reverse();
    const p1 = await t.http().get('/api/rooms?q=all&p=1').expect(200);
    expect(p1.body.isSuccess).toBe(true);
    expect(ids(p1.body)).toEqual(newest.slice(0, 7));
    const p2 = await t.http().get('/api/rooms?q=all&p=2').expect(200);
    expect(ids(p2.body)).toEqual(newest.slice(7, 15));
    const p3 = await t.http().get('/api/rooms?p=3').expect(200);
    expect(ids(p3.body)).toEqual(newest.slice(15, 17));
    expect((await t.http().get('/api/rooms?p=99').expect(200)).body.data).toEqual([]);
    const noQuery = await t.http().get('/api/rooms').expect(200);
    expect(ids(noQuery.body)).toEqual(newest.slice(0, 7));
    for (const room of p1.body.data as Record<string, unknown>[]) {
      expect(Object.keys(room).sort()).toEqual(['Tags', 'capacity', 'category', 'createdAt', 'id', 'isSecret', 'likeCnt', 'participantCnt', 'title']);
    }
  });

  it.each([
    ['p=0', 'p'],
    ['p=abc', 'p'],
    ['p=1.5', 'p'],
    [`q=${'x'.repeat(31)}`, 'q'],
    ['q=a&q=b', 'q'],
  ])('when the query has %s, answers 400 VALIDATION naming %s', async (query, field) => {
    const res = await t.http().get(`/api/rooms?${query}`).expect(400);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'VALIDATION' });
    expect(res.body.msg).toContain(field);
  });
});

describe('GET /api/rooms?q=possible', () => {
  it('lists only rooms that are neither secret nor full', async () => {
    const open = await roomBy({ title: 'possible open' });
    const secret = await roomBy({ title: 'possible secret', isSecret: true, pwd: 'abcd' });
    const full = await roomBy({ title: 'possible full' });
    for (let i = 0; i < 3; i++) await enterRoom(t, await makeUser(t), full.id).expect(201);
    const res = await t.http().get('/api/rooms?q=possible').expect(200);
    const listed = ids(res.body);
    expect(listed).toContain(open.id);
    expect(listed).not.toContain(secret.id);
    expect(listed).not.toContain(full.id);
    for (const room of res.body.data as Summary[]) {
      expect(room.isSecret).toBe(false);
      expect(room.participantCnt).toBeLessThan(4);
    }
  });
});

describe('GET /api/rooms?q=<text>', () => {
  it('finds rooms by title, by tag and by category name, each room once', async () => {
    const byTitle = await roomBy({ title: 'zebra study hall' });
    const byTag = await roomBy({ title: 'unrelated one', tags: ['zebra', 'zebras'] });
    const both = await roomBy({ title: 'zebra again', tags: ['zebra'] });
    const res = await t.http().get(`/api/rooms?q=${encodeURIComponent('zebra')}`).expect(200);
    expect(ids(res.body).sort()).toEqual([byTitle.id, byTag.id, both.id].sort());
    expect(new Set(ids(res.body)).size).toBe(ids(res.body).length);

    const culture = await roomBy({ title: 'no match words', categoryId: 5 });
    const byCategory = await t.http().get(`/api/rooms?q=${encodeURIComponent('문화')}`).expect(200);
    expect(ids(byCategory.body)).toContain(culture.id);
    for (const room of byCategory.body.data as Summary[]) expect(room.category.id).toBe(5);
  });

  it('treats % and _ as plain characters, not wildcards', async () => {
    const percent = await roomBy({ title: '100% focus' });
    const underscore = await roomBy({ title: 'snake_case club' });
    const plain = await roomBy({ title: 'snakeXcase club' });
    const pct = await t.http().get(`/api/rooms?q=${encodeURIComponent('%')}`).expect(200);
    expect(ids(pct.body)).toEqual([percent.id]);
    const us = await t.http().get(`/api/rooms?q=${encodeURIComponent('snake_')}`).expect(200);
    expect(ids(us.body)).toEqual([underscore.id]);
    expect(ids(us.body)).not.toContain(plain.id);
    const bang = await t.http().get(`/api/rooms?q=${encodeURIComponent("!'\\")}`).expect(200);
    expect(bang.body.data).toEqual([]);
  });

  it('refuses control characters with 400 naming q (a NUL byte once got a 500), and searches placeholder look-alikes as text', async () => {
    const dollar = await roomBy({ title: 'price $pattern here' });
    const colon = await roomBy({ title: 'meet at :limit' });
    for (const q of ['\u0000', 'a\u0000b', 'x\u001fy', 'del\u007f']) {
      const res = await t.http().get(`/api/rooms?q=${encodeURIComponent(q)}&p=1`).expect(400);
      expect(res.body).toMatchObject({ isSuccess: false, code: 'VALIDATION' });
      expect(res.body.msg).toContain('q');
    }
    for (const q of [':offset', '$1', '$limit']) {
      const res = await t.http().get(`/api/rooms?q=${encodeURIComponent(q)}&p=1`).expect(200);
      expect(res.body.data).toEqual([]);
    }
    const byDollar = await t.http().get(`/api/rooms?q=${encodeURIComponent('$pattern')}`).expect(200);
    expect(ids(byDollar.body)).toEqual([dollar.id]);
    const byColon = await t.http().get(`/api/rooms?q=${encodeURIComponent(':limit')}`).expect(200);
    expect(ids(byColon.body)).toEqual([colon.id]);
  });
});

describe('GET /api/rooms/category/:categoryId', () => {
  it('lists that category only, newest first, with the same paging', async () => {
    const owner = await makeUser(t);
    const made: number[] = [];
    for (let i = 0; i < 9; i++) {
      const room = await roomBy({ title: `beauty ${i}`, categoryId: 1 });
      made.push(room.id);
    }
    await roomBy({ title: 'not beauty', categoryId: 2 }, owner);
    const p1 = await t.http().get('/api/rooms/category/1').expect(200);
    expect(ids(p1.body)).toEqual([...made].reverse().slice(0, 7));
    const p2 = await t.http().get('/api/rooms/category/1?p=2').expect(200);
    expect(ids(p2.body)).toEqual([...made].reverse().slice(7, 9));
    expect((await t.http().get('/api/rooms/category/6').expect(200)).body.data).toEqual([]);
  });

  it('when the category id is not a number (or a negative one), answers 400', async () => {
    const res = await t.http().get('/api/rooms/category/beauty').expect(400);
    expect(res.body.code).toBe('VALIDATION');
    await t.http().get('/api/rooms/category/-1').expect(400);
    await t.http().get('/api/rooms/category/1?p=-1').expect(400);
  });

  it('category 0 (the original client\'s "possible" after a category) answers 200 with an empty list, as the original did; a bad page is still 400', async () => {
    await roomBy({ title: 'any category', categoryId: 3 });
    expect((await t.http().get('/api/rooms/category/0?p=1').expect(200)).body).toEqual({ isSuccess: true, data: [] });
    expect((await t.http().get('/api/rooms/category/0?p=2').expect(200)).body.data).toEqual([]);
    expect((await t.http().get('/api/rooms/category/0?p=x').expect(400)).body.code).toBe('VALIDATION');
  });
});
