import { uniqueEmail, uniqueNickname, uniqueTitle } from '../support/factories';
import { pngHeader } from '../support/images';
import { setAdmin } from '../../src/admin/grant-admin';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The original web client's REST calls, replayed with its exact payloads and in its order
 * (reference/original-service.md §6.1), each asserting what that client reads from the answer.
 * The client keeps its token in localStorage and sends `Authorization: Bearer <token>`.
 */
const ADMIN_EMAIL = 'admin-original@example.com';
let t: TestApp;
beforeAll(async () => {
  // REST entries here are never followed by a socket join; a day keeps the grace from undoing them mid-test.
  t = await startTestApp({ RECONNECT_GRACE_MS: String(24 * 3600_000) });
});
afterAll(() => t.close());

type Client = { id: number; nickname: string; origin: string; pwd: string; headers: { Authorization: string } };

/** Sign-up, then the automatic log-in the client does after it ("회원가입시 자동 로그인"), then /user/me on load. */
async function signUpAndLogIn(origin = uniqueEmail()): Promise<Client> {
  const nickname = uniqueNickname();
  const pwd = 'Replay-7f3k9q';
  const signup = await t.http().post('/api/auth/local').send({ origin, nickname, pwd }).expect(201);
  expect(signup.body.isSuccess).toBe(true);
  const login = await t.http().post('/api/auth').send({ origin, pwd }).expect(200);
  expect(login.body).toEqual({ isSuccess: true, data: { token: expect.any(String) } });
  const headers = { Authorization: `Bearer ${login.body.data.token as string}` };
  const me = await t.http().get('/api/user/me').set(headers).expect(200);
  expect(me.body.data.user).toMatchObject({ id: expect.any(Number), origin, nickname, profileImg: null, statusMsg: expect.any(String), MasterBadge: null });
  return { id: me.body.data.user.id as number, nickname, origin, pwd, headers };
}

/** The create-room modal: `categoryId` comes from a select (text), `pwd` is "" for a public room. */
function createRoom(c: Client, body: Partial<{ title: string; isSecret: boolean; pwd: string; categoryId: string | number; tags: string[] }> = {}) {
  return t.http().post('/api/room/new').set(c.headers).send({ title: uniqueTitle(), isSecret: false, pwd: '', categoryId: '3', tags: ['공부', 'tag'], ...body });
}

/** The client's enter: the password call only for a secret room (its ticket unread), then the entry with {}. */
async function enterAsTheClient(c: Client, room: { id: number; isSecret: boolean }, pwd?: string) {
  if (room.isSecret) {
    const check = await t.http().get(`/api/room/${room.id}/pwd/${pwd}`).set(c.headers);
    if (check.status !== 200) return check;
    expect(check.body.isSuccess).toBe(true);
  }
  return t.http().post(`/api/room/${room.id}/user/${c.id}`).set(c.headers).send({});
}

const expectRoomDetail = (data: Record<string, unknown>) =>
  expect(data).toMatchObject({
    id: expect.any(Number),
    title: expect.any(String),
    isSecret: expect.any(Boolean),
    masterUserId: expect.any(Number),
    likeCnt: 0,
    participantCnt: expect.any(Number),
    category: { id: expect.any(Number), name: expect.any(String) },
    Tags: expect.any(Array),
    Participants: expect.any(Array),
  });

describe('sign-up and log-in', () => {
  it('sign-up answers 201 and the automatic log-in gives the token the client stores; /user/me gives data.user', async () => {
    await signUpAndLogIn();
  });

  it('a wrong password is refused (401 here, 400 in the original: the client only tests for success)', async () => {
    const c = await signUpAndLogIn();
    const res = await t.http().post('/api/auth').send({ origin: c.origin, pwd: 'wrong-password' }).expect(401);
    expect(res.body).toMatchObject({ isSuccess: false, msg: expect.any(String) });
  });
});

describe('room lists, search and categories', () => {
  it('q=all, q=possible (with and without p), paging with p=2, search, category and its "more", and category 0', async () => {
    const made: { id: number; isSecret: boolean }[] = [];
    for (let i = 0; i < 8; i++) {
      const others = await signUpAndLogIn();
      const res = await createRoom(others, { title: `replay list ${i} ${uniqueTitle()}`.slice(0, 30), categoryId: i === 0 ? '5' : '3', isSecret: i === 1, pwd: i === 1 ? '1234' : '' });
      made.push(res.body.data);
    }
    const newestFirst = [...made].reverse().map((r) => r.id);

    const all1 = await t.http().get('/api/rooms?q=all&p=1').expect(200);
    expect(all1.body.data).toHaveLength(7);
    const summary = all1.body.data[0];
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(['id', 'title', 'isSecret', 'createdAt', 'likeCnt', 'participantCnt', 'category', 'Tags']));
    expect(summary).not.toHaveProperty('pwd');
    expect(all1.body.data.map((r: { id: number }) => r.id)).toEqual(newestFirst.slice(0, 7));
    const all2 = await t.http().get('/api/rooms?q=all&p=2').expect(200);
    expect(all2.body.data.map((r: { id: number }) => r.id)[0]).toBe(newestFirst[7]);
    // getRoomAll / getRoomPossible are also called without p.
    expect((await t.http().get('/api/rooms?q=all').expect(200)).body.data.length).toBeGreaterThan(0);

    const possible = await t.http().get('/api/rooms?q=possible&p=1').expect(200);
    expect(possible.body.data.every((r: { isSecret: boolean; participantCnt: number }) => !r.isSecret && r.participantCnt < 4)).toBe(true);
    expect((await t.http().get('/api/rooms?q=possible').expect(200)).body.isSuccess).toBe(true);

    // The search text goes into the URL as typed (the browser percent-encodes what is not ASCII).
    const byTag = await t.http().get(`/api/rooms?q=${encodeURI('공부')}&p=1`).expect(200);
    expect(byTag.body.data.length).toBeGreaterThan(0);
    const byCategoryName = await t.http().get(`/api/rooms?q=${encodeURI('문화')}&p=1`).expect(200);
    expect(byCategoryName.body.data.map((r: { id: number }) => r.id)).toContain(made[0]!.id);

    const category = await t.http().get('/api/rooms/category/5?p=1').expect(200);
    expect(category.body.data.map((r: { category: { id: number } }) => r.category.id)).toEqual([5]);
    expect((await t.http().get('/api/rooms/category/5?p=2').expect(200)).body.data).toEqual([]);
    // "possible" clicked after a category sends category 0: an empty list, as the original answered.
    expect((await t.http().get('/api/rooms/category/0?p=1').expect(200)).body).toEqual({ isSuccess: true, data: [] });
    // q=hot (getRoomHot) is a search for the text "hot", as in the original.
    expect((await t.http().get('/api/rooms?q=hot&p=1').expect(200)).body.isSuccess).toBe(true);
  });
});

describe('create and enter', () => {
  it('a public room: create answers 201 RoomDetail (kept in localStorage.myRoom); another user enters with {} and gets the room after the entry', async () => {
    const owner = await signUpAndLogIn();
    const created = await createRoom(owner).expect(201);
    expectRoomDetail(created.body.data);
    expect(created.body.data).toMatchObject({ isSecret: false, masterUserId: owner.id, participantCnt: 1, category: { id: 3, name: '스터디' } });
    expect(created.body.data.Tags.map((tag: { name: string }) => tag.name).sort()).toEqual(['tag', '공부'].sort());
    expect(created.body.data).not.toHaveProperty('pwd');

    const guest = await signUpAndLogIn();
    const entered = await enterAsTheClient(guest, created.body.data);
    expect(entered.status).toBe(201);
    expectRoomDetail(entered.body.data);
    expect(entered.body.data.participantCnt).toBe(2);
    expect(entered.body.data.Participants.map((p: { id: number }) => p.id).sort()).toEqual([owner.id, guest.id].sort());
  });

  it('a secret room: the check GET /room/:id/pwd/:pwd, then the entry with {} answers 201; a wrong password is refused at the check and a user who skips it gets 409', async () => {
    const owner = await signUpAndLogIn();
    const created = await createRoom(owner, { isSecret: true, pwd: '1234', categoryId: '2', tags: [] }).expect(201);
    expect(created.body.data).toMatchObject({ isSecret: true, category: { id: 2, name: '운동' }, Tags: [] });

    const guest = await signUpAndLogIn();
    const wrong = await enterAsTheClient(guest, created.body.data, '9999');
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ isSuccess: false, code: 'WRONG_ROOM_PASSWORD' });
    const entered = await enterAsTheClient(guest, created.body.data, '1234');
    expect(entered.status).toBe(201);
    expect(entered.body.data.Participants.map((p: { id: number }) => p.id)).toContain(guest.id);

    const skipper = await signUpAndLogIn();
    const skipped = await t.http().post(`/api/room/${created.body.data.id as number}/user/${skipper.id}`).set(skipper.headers).send({}).expect(409);
    expect(skipped.body.code).toBe('WRONG_ROOM_PASSWORD');
  });

  it('a taken title is refused with the envelope and a message the client can show', async () => {
    const owner = await signUpAndLogIn();
    const title = uniqueTitle();
    await createRoom(owner, { title }).expect(201);
    const other = await signUpAndLogIn();
    const res = await createRoom(other, { title }).expect(409);
    expect(res.body).toMatchObject({ isSuccess: false, msg: expect.any(String) });
  });
});

describe('profile, badges and records (My Page)', () => {
  it('upload then PATCH img, nickname, statusMsg and masterBadge with a string id; each answers the new value where the client reads it', async () => {
    const c = await signUpAndLogIn();
    const upload = await t.http().post('/api/upload/image').set(c.headers).attach('image', pngHeader(64, 64), 'me.png').expect(200);
    const url = upload.body as string;
    // Absolute (PUBLIC_URL, else the address the request used), so a client on another origin can show it.
    expect(url).toMatch(/^http:\/\/[^/]+\/uploads\/[0-9a-f-]{36}\.png$/);
    const img = await t.http().patch(`/api/user/${c.id}/profile/img`).set(c.headers).send({ profileImg: url }).expect(200);
    expect(img.body).toEqual({ isSuccess: true, data: { profileImg: url } });
    const picture = await t.http().get(new URL(url).pathname).expect(200);
    expect(picture.headers['cross-origin-resource-policy']).toBe('cross-origin');

    const nickname = uniqueNickname();
    const nick = await t.http().patch(`/api/user/${c.id}/profile/nickname`).set(c.headers).send({ nickname }).expect(200);
    expect(nick.body).toEqual({ isSuccess: true, data: { nickname } });
    const status = await t.http().patch(`/api/user/${c.id}/profile/statusMsg`).set(c.headers).send({ statusMsg: '오늘도 아자아자!!' }).expect(200);
    expect(status.body).toEqual({ isSuccess: true, data: { statusMsg: '오늘도 아자아자!!' } });

    // The log-in awarded firstCome (7); the radio input sends its id as text. The client stores data as user.MasterBadge.
    const badge = await t.http().patch(`/api/user/${c.id}/profile/masterBadge`).set(c.headers).send({ badgeId: '7' }).expect(200);
    expect(badge.body).toEqual({ isSuccess: true, data: { id: 7, name: 'firstCome', imageUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/badges\/firstCome\.svg$/) } });
    const me = await t.http().get('/api/user/me').set(c.headers).expect(200);
    expect(me.body.data.user).toMatchObject({ nickname, profileImg: url, statusMsg: '오늘도 아자아자!!', MasterBadge: badge.body.data });
  });

  it('badges: data[].id and the one-shot newBadge the client alerts on; records: weekdaysRecord[0..5] by category and 31 monthRecord days', async () => {
    const c = await signUpAndLogIn();
    const first = await t.http().get(`/api/user/${c.id}/badges`).set(c.headers).expect(200);
    expect(first.body.data.map((b: { id: number }) => b.id)).toEqual([7]);
    expect(first.body.data[0].imageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/badges\/firstCome\.svg$/);
    expect(first.body.newBadge).toBe(7);
    const again = await t.http().get(`/api/user/${c.id}/badges`).set(c.headers).expect(200);
    expect(again.body).not.toHaveProperty('newBadge');

    const records = await t.http().get(`/api/user/${c.id}/records`).set(c.headers).expect(200);
    const { weekdaysRecord, monthRecord } = records.body.data;
    expect(weekdaysRecord.map((w: { category: string }) => w.category)).toEqual(['beauty', 'sports', 'study', 'counseling', 'culture', 'etc']);
    for (const w of weekdaysRecord) expect(w).toMatchObject({ userId: c.id, mon: 0, tue: 0, wed: 0, thur: 0, fri: 0, sat: 0, sun: 0 });
    expect(monthRecord).toHaveLength(31);
    expect(monthRecord.map((m: { date: number }) => m.date)).toEqual(Array.from({ length: 31 }, (_v, i) => i + 1));
    expect(monthRecord[0]).toMatchObject({ userId: c.id, time: 0, lastUpdatedDate: expect.any(String) });
  });
});

describe('admin page (differs on purpose: it needs an admin token)', () => {
  it('GET /admin/users without a token is 401; with an admin token it lists users without password hashes; the bug badge is awarded', async () => {
    await t.http().get('/api/admin/users').expect(401);
    const admin = await signUpAndLogIn(ADMIN_EMAIL);
    // Admin rights come from the operator (`npm run admin:grant -- <email>`), not from the address.
    await t.http().get('/api/admin/users').set(admin.headers).expect(403);
    expect(await setAdmin(t.app.db.sequelize, ADMIN_EMAIL, true)).toBe(true);
    const c = await signUpAndLogIn();
    const list = await t.http().get('/api/admin/users').set(admin.headers).expect(200);
    expect(list.body.data.users.map((u: { id: number }) => u.id)).toContain(c.id);
    expect(list.body.data.users[0]).not.toHaveProperty('pwd');
    await t.http().post(`/api/admin/user/${c.id}/badge/bug`).set(admin.headers).expect(201);
    const badges = await t.http().get(`/api/user/${c.id}/badges`).set(c.headers).expect(200);
    expect(badges.body.data.map((b: { id: number }) => b.id).sort()).toEqual([7, 8]);
  });
});
