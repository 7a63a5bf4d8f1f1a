import { makeRoom, makeUser, uniqueTitle } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { count, rows } from './rest-support';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const roomCount = () => count(t, 'SELECT COUNT(*) AS n FROM rooms');

describe('POST /api/room/new', () => {
  it('when the body is valid, answers 201 with the RoomDetail and stores the room, its tags and its creator as master', async () => {
    const owner = await makeUser(t);
    const title = uniqueTitle();
    const res = await t.http().post('/api/room/new').set(owner.auth).send({ title, isSecret: false, categoryId: 2, tags: ['아침', 'run', 'run'] }).expect(201);
    expect(res.body).toEqual({
      isSuccess: true,
      data: {
        id: expect.any(Number),
        title,
        isSecret: false,
        masterUserId: owner.id,
        likeCnt: 0,
        participantCnt: 1,
        capacity: 4,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        category: { id: 2, name: '운동' },
        Tags: [
          { id: expect.any(Number), name: '아침' },
          { id: expect.any(Number), name: 'run' },
        ],
        Participants: [{ id: owner.id, nickname: owner.nickname, profileImg: null, masterBadgeId: null }],
      },
    });
    const roomId = res.body.data.id as number;
    const [stored] = await rows<{ title: string; masterUserId: number; participantCnt: unknown; categoryId: number; pwdHash: unknown }>(t, 'SELECT * FROM rooms WHERE id = ?', [roomId]);
    expect(stored).toMatchObject({ title, masterUserId: owner.id, categoryId: 2, pwdHash: null });
    expect(Number(stored!.participantCnt)).toBe(1);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM room_tags WHERE roomId = ?', [roomId])).toBe(2);
    const members = await rows<{ userId: number }>(t, 'SELECT userId FROM room_members WHERE roomId = ?', [roomId]);
    expect(members).toEqual([{ userId: owner.id }]);
  });

  it('when the room is secret, stores only a bcrypt hash and never answers with a password', async () => {
    const owner = await makeUser(t);
    const res = await t.http().post('/api/room/new').set(owner.auth).send({ title: uniqueTitle(), isSecret: true, pwd: 'hush1234', categoryId: 3, tags: [] }).expect(201);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('hush1234');
    expect(text).not.toMatch(/pwd/i);
    expect(res.body.data.isSecret).toBe(true);
    const [stored] = await rows<{ pwdHash: string }>(t, 'SELECT pwdHash FROM rooms WHERE id = ?', [res.body.data.id]);
    expect(stored!.pwdHash).toMatch(/^\$2[aby]\$/);
    const list = await t.http().get('/api/rooms?q=all').expect(200);
    expect(JSON.stringify(list.body)).not.toMatch(/pwd/i);
  });

  it('when the title is already used by a live room, answers 409 CONFLICT and stores no second room', async () => {
    const [a, b] = [await makeUser(t), await makeUser(t)];
    const room = await makeRoom(t, a);
    const before = await roomCount();
    const res = await t.http().post('/api/room/new').set(b.auth).send({ title: room.title, isSecret: false, categoryId: 1, tags: [] }).expect(409);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'CONFLICT' });
    expect(await roomCount()).toBe(before);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM room_members WHERE userId = ?', [b.id])).toBe(0);
  });

  it('when the room with that title has been emptied and deleted, the title is free again', async () => {
    const a = await makeUser(t);
    const room = await makeRoom(t, a);
    await t.http().delete(`/api/room/${room.id}/user/${a.id}`).set(a.auth).expect(200);
    await t.http().post('/api/room/new').set(a.auth).send({ title: room.title, isSecret: false, categoryId: 1, tags: [] }).expect(201);
  });

  it.each([
    ['a missing title', { title: undefined }, 'title'],
    ['an empty title', { title: '   ' }, 'title'],
    ['a 31-character title', { title: 'x'.repeat(31) }, 'title'],
    ['a numeric title', { title: 12345 }, 'title'],
    ['six tags', { tags: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'tags'],
    ['a 9-character tag', { tags: ['abcdefghi'] }, 'tags'],
    ['an empty tag', { tags: ['ok', ''] }, 'tags'],
    ['tags that are not a list', { tags: 'a,b' }, 'tags'],
    ['a secret room without pwd', { isSecret: true }, 'pwd'],
    ['a secret room with a 3-character pwd', { isSecret: true, pwd: 'abc' }, 'pwd'],
    ['a secret room with an 11-character pwd', { isSecret: true, pwd: 'abcdefghijk' }, 'pwd'],
    ['isSecret as a string', { isSecret: 'true' }, 'isSecret'],
    ['a missing categoryId', { categoryId: undefined }, 'categoryId'],
    ['a categoryId that is not a number', { categoryId: 'study' }, 'categoryId'],
    ['an unknown categoryId', { categoryId: 99 }, 'categoryId'],
  ])('when given %s, answers 400 VALIDATION naming the field and stores no room, tag or membership', async (_name, patch, field) => {
    const owner = await makeUser(t);
    const tagsBefore = await count(t, 'SELECT COUNT(*) AS n FROM tags');
    const before = await roomCount();
    const body = { title: uniqueTitle(), isSecret: false, categoryId: 3, tags: ['fresh'], ...patch };
    const res = await t.http().post('/api/room/new').set(owner.auth).send(body).expect(400);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'VALIDATION' });
    expect(res.body.msg).toContain(field);
    expect(await roomCount()).toBe(before);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM tags')).toBe(tagsBefore);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM room_members WHERE userId = ?', [owner.id])).toBe(0);
  });

  it('when the creator is already in a room, creating a new one moves them out of the old one', async () => {
    const [a, b] = [await makeUser(t), await makeUser(t)];
    const first = await makeRoom(t, a);
    await t.http().post(`/api/room/${first.id}/user/${b.id}`).set(b.auth).send({}).expect(201);
    const second = await makeRoom(t, a);
    const memberships = await rows<{ roomId: number }>(t, 'SELECT roomId FROM room_members WHERE userId = ?', [a.id]);
    expect(memberships).toEqual([{ roomId: second.id }]);
    const [old] = await rows<{ masterUserId: number; participantCnt: unknown }>(t, 'SELECT masterUserId, participantCnt FROM rooms WHERE id = ?', [first.id]);
    expect(old!.masterUserId).toBe(b.id);
    expect(Number(old!.participantCnt)).toBe(1);
  });

  it('when there is no token, answers 401 and stores nothing', async () => {
    const before = await roomCount();
    const res = await t.http().post('/api/room/new').send({ title: uniqueTitle(), isSecret: false, categoryId: 3, tags: [] }).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect(await roomCount()).toBe(before);
  });

  it('when two users race for one title, exactly one room is created and the other gets 409', async () => {
    const [a, b] = [await makeUser(t), await makeUser(t)];
    const title = uniqueTitle();
    const results = await Promise.all(
      [a, b].map((u) => t.http().post('/api/room/new').set(u.auth).send({ title, isSecret: false, categoryId: 3, tags: ['race'] })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM rooms WHERE title = ?', [title])).toBe(1);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM room_members WHERE userId IN (?, ?)', [a.id, b.id])).toBe(1);
  });
});
