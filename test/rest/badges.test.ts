import { makeUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { bearer, count, rows } from './rest-support';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** A log-in awards firstCome (badge 7) while stock lasts, which is the ordinary way a user gets a badge. */
async function logIn(user: TestUser) {
  const res = await t.http().post('/api/auth').send({ origin: user.origin, pwd: user.pwd }).expect(200);
  return bearer(res.body.data.token as string);
}

describe('GET /api/categories and GET /api/badges', () => {
  it('answers the 6 categories with the ids the client hard-codes', async () => {
    const res = await t.http().get('/api/categories').expect(200);
    expect(res.body).toEqual({
      isSuccess: true,
      data: [
        { id: 1, name: '뷰티', key: 'beauty' },
        { id: 2, name: '운동', key: 'sports' },
        { id: 3, name: '스터디', key: 'study' },
        { id: 4, name: '상담', key: 'counseling' },
        { id: 5, name: '문화', key: 'culture' },
        { id: 6, name: '기타', key: 'etc' },
      ],
    });
  });

  it('answers the badge catalogue, ids 1..9 as the original plus the streak badges 10 and 11, each {id, name, label, desc, description, imageUrl}, and serves the images', async () => {
    const res = await t.http().get('/api/badges').expect(200);
    expect(res.body.data.map((b: { id: number }) => b.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(res.body.data.map((b: { name: string }) => b.name).slice(6)).toEqual(['firstCome', 'reviewer', 'lock', 'streak7', 'streak30']);
    expect(res.body.data.map((b: { label: string }) => b.label).slice(0, 8)).toEqual(['뷰티 60분', '운동 60분', '스터디 60분', '상담 60분', '문화 60분', '기타 60분', '선착순 100명', '리뷰어']);
    for (const badge of res.body.data) {
      expect(Object.keys(badge).sort()).toEqual(['desc', 'description', 'id', 'imageUrl', 'label', 'name']);
      // A person reads the label and the description: Korean, and the description is the original's desc.
      expect(badge.label).toMatch(/[\uac00-\ud7a3]/);
      expect(badge.description).toBe(badge.desc);
      const image = await t.http().get(new URL(badge.imageUrl).pathname).expect(200);
      expect(image.headers['content-type']).toContain('image/svg+xml');
    }
  });
});

describe('GET /api/user/:userId/badges', () => {
  it('sends newBadge once to its owner, then clears it', async () => {
    const user = await makeUser(t);
    const auth = await logIn(user);
    const first = await t.http().get(`/api/user/${user.id}/badges`).set(auth).expect(200);
    expect(first.body).toEqual({
      isSuccess: true,
      data: [{ id: 7, name: 'firstCome', label: '선착순 100명', desc: expect.any(String), description: expect.any(String), imageUrl: expect.any(String), acquiredAt: expect.stringMatching(/Z$/) }],
      newBadge: 7,
    });
    const second = await t.http().get('/api/user/me/badges').set(auth).expect(200);
    expect(second.body).not.toHaveProperty('newBadge');
    expect(second.body.data).toHaveLength(1);
    const [row] = await rows<{ newBadge: number | null }>(t, 'SELECT newBadge FROM users WHERE id = ?', [user.id]);
    expect(row!.newBadge).toBeNull();
  });

  it("shows another user's badges without newBadge and leaves their newBadge unseen", async () => {
    const [owner, viewer] = [await makeUser(t), await makeUser(t)];
    const ownerAuth = await logIn(owner);
    const seenByOther = await t.http().get(`/api/user/${owner.id}/badges`).set(viewer.auth).expect(200);
    expect(seenByOther.body.data.map((b: { id: number }) => b.id)).toEqual([7]);
    expect(seenByOther.body).not.toHaveProperty('newBadge');
    const seenByOwner = await t.http().get('/api/user/me/badges').set(ownerAuth).expect(200);
    expect(seenByOwner.body.newBadge).toBe(7);
  });

  it('a user without badges gets an empty list; an unknown user 404; a bad id 400; no token 401', async () => {
    const user = await makeUser(t);
    const res = await t.http().get('/api/user/me/badges').set(user.auth).expect(200);
    expect(res.body).toEqual({ isSuccess: true, data: [] });
    expect((await t.http().get('/api/user/999999999/badges').set(user.auth).expect(404)).body.code).toBe('NOT_FOUND');
    await t.http().get('/api/user/1e3/badges').set(user.auth).expect(400);
    await t.http().get(`/api/user/${user.id}/badges`).expect(401);
  });
});

describe('badge images on another origin', () => {
  it('imageUrl is absolute on this server (its own address without PUBLIC_URL), and the image says Cross-Origin-Resource-Policy: cross-origin while the API keeps same-origin', async () => {
    const res = await t.http().get('/api/badges').expect(200);
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    const port = new URL(t.url).port;
    for (const badge of res.body.data as { imageUrl: string }[]) expect(badge.imageUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/badges/\\w+\\.svg$`));
    const image = await t.http().get(new URL(res.body.data[0].imageUrl).pathname).expect(200);
    expect(image.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('with PUBLIC_URL every badge URL the server hands out (catalogue, owned badges, MasterBadge) is on that origin', async () => {
    const other = await startTestApp({ PUBLIC_URL: 'https://with-me.example' });
    try {
      const catalogue = await other.http().get('/api/badges').expect(200);
      expect(catalogue.body.data.map((b: { imageUrl: string }) => b.imageUrl)).toEqual(
        ['beauty', 'sports', 'study', 'counseling', 'culture', 'etc', 'firstCome', 'bug', 'lock', 'streak7', 'streak30'].map((f) => `https://with-me.example/badges/${f}.svg`),
      );
      const user = await makeUser(other);
      const res = await other.http().post('/api/auth').send({ origin: user.origin, pwd: user.pwd }).expect(200);
      const auth = bearer(res.body.data.token as string);
      const owned = await other.http().get('/api/user/me/badges').set(auth).expect(200);
      expect(owned.body.data[0].imageUrl).toBe('https://with-me.example/badges/firstCome.svg');
      await other.http().patch('/api/user/me/profile/masterBadge').set(auth).send({ badgeId: 7 }).expect(200);
      const me = await other.http().get('/api/user/me').set(auth).expect(200);
      expect(me.body.data.user.MasterBadge.imageUrl).toBe('https://with-me.example/badges/firstCome.svg');
    } finally {
      await other.close();
    }
  });
});

describe('PATCH /api/user/:userId/profile/masterBadge', () => {
  it('when badgeId is the text of an id ("7", as the original client sends it), sets that badge as a number would', async () => {
    const user = await makeUser(t);
    const auth = await logIn(user);
    const set = await t.http().patch('/api/user/me/profile/masterBadge').set(auth).send({ badgeId: '7' }).expect(200);
    expect(set.body).toEqual({ isSuccess: true, data: { id: 7, name: 'firstCome', imageUrl: expect.stringMatching(/^http:\/\/.+\/badges\/firstCome\.svg$/) } });
    expect((await rows<{ masterBadgeId: number }>(t, 'SELECT masterBadgeId FROM users WHERE id = ?', [user.id]))[0]!.masterBadgeId).toBe(7);
    const notOwned = await t.http().patch('/api/user/me/profile/masterBadge').set(auth).send({ badgeId: '8' }).expect(403);
    expect(notOwned.body.code).toBe('FORBIDDEN');
  });

  it('sets an owned badge as representative, shows it in /user/me, and null clears it', async () => {
    const user = await makeUser(t);
    const auth = await logIn(user);
    const set = await t.http().patch('/api/user/me/profile/masterBadge').set(auth).send({ badgeId: 7 }).expect(200);
    expect(set.body).toEqual({ isSuccess: true, data: { id: 7, name: 'firstCome', imageUrl: expect.any(String) } });
    const me = await t.http().get('/api/user/me').set(auth).expect(200);
    expect(me.body.data.user.MasterBadge).toEqual({ id: 7, name: 'firstCome', imageUrl: set.body.data.imageUrl });
    expect((await rows<{ masterBadgeId: number }>(t, 'SELECT masterBadgeId FROM users WHERE id = ?', [user.id]))[0]!.masterBadgeId).toBe(7);

    const cleared = await t.http().patch(`/api/user/${user.id}/profile/masterBadge`).set(auth).send({ badgeId: null }).expect(200);
    expect(cleared.body).toEqual({ isSuccess: true, data: null });
    expect((await t.http().get('/api/user/me').set(auth).expect(200)).body.data.user.MasterBadge).toBeNull();
  });

  it('a badge the user does not own answers 403; an unknown badge 404; a wrong type 400; nothing is stored', async () => {
    const user = await makeUser(t);
    const forbidden = await t.http().patch('/api/user/me/profile/masterBadge').set(user.auth).send({ badgeId: 8 }).expect(403);
    expect(forbidden.body).toMatchObject({ isSuccess: false, code: 'FORBIDDEN' });
    const unknown = await t.http().patch('/api/user/me/profile/masterBadge').set(user.auth).send({ badgeId: 999 }).expect(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    for (const body of [{ badgeId: '7x' }, { badgeId: '07.0' }, { badgeId: 1.5 }, {}, { badgeId: -1 }, { badgeId: '-1' }]) {
      expect((await t.http().patch('/api/user/me/profile/masterBadge').set(user.auth).send(body).expect(400)).body.code).toBe('VALIDATION');
    }
    expect(await count(t, 'SELECT COUNT(*) AS n FROM users WHERE id = ? AND masterBadgeId IS NULL', [user.id])).toBe(1);
  });
});
