import fs from 'node:fs';
import path from 'node:path';
import bcrypt from 'bcrypt';
import { createManualClock } from '../../src/shared/clock';
import { makeRoom, makeUser, uniqueTitle } from '../support/factories';
import { jpegHeader, pngHeader, webpHeader } from '../support/images';
import { startTestApp, type TestApp } from '../support/test-app';
import { count } from './rest-support';

/**
 * Work that costs the server disk or CPU per request is bounded per user: image uploads (rate, stored bytes,
 * pixel size, clean-up of files no profile uses) and room creation (rate, and a bcrypt hash only once the
 * cheap checks pass).
 */
const png = (w = 32, h = 32, body = 64) => Buffer.concat([pngHeader(w, h), Buffer.alloc(body, 1)]);
const fileName = (url: string) => new URL(url).pathname.split('/').pop()!;

describe('image uploads', () => {
  let t: TestApp;
  const clock = createManualClock(Date.now());
  beforeAll(async () => {
    t = await startTestApp({ UPLOAD_RATE_LIMIT: '4', UPLOAD_QUOTA_BYTES: '2048', UPLOAD_UNUSED_TTL_MS: '60000' }, { clock });
  });
  afterAll(() => t.close());
  const files = () => fs.readdirSync(path.join(t.tmp, 'uploads'));
  const upload = (auth: Record<string, string>, bytes: Buffer) => t.http().post('/api/upload/image').set(auth).attach('image', bytes, 'a.png');

  it.each([
    ['png', pngHeader(60_000, 60_000)],
    ['jpeg', jpegHeader(4097, 10)],
    ['webp', webpHeader(10, 5000)],
  ])('when a %s header claims more than 4096 pixels a side, answers 400 with a Korean message and stores nothing', async (_kind, bytes) => {
    const user = await makeUser(t);
    const before = files().length;
    const res = await upload(user.auth, bytes).expect(400);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'VALIDATION' });
    expect(res.body.msg).toContain('4096픽셀');
    expect(files().length).toBe(before);
  });

  it('a png whose header cannot be read (signature, then junk) is refused with 400', async () => {
    const user = await makeUser(t);
    const junk = Buffer.concat([pngHeader(1, 1).subarray(0, 8), Buffer.alloc(64, 1)]);
    expect((await upload(user.auth, junk).expect(400)).body.code).toBe('VALIDATION');
  });

  it('4096×4096 is accepted', async () => {
    const user = await makeUser(t);
    await upload(user.auth, png(4096, 4096)).expect(200);
  });

  it('one user uploads at most UPLOAD_RATE_LIMIT images a minute (429), and another user is not slowed by it', async () => {
    const user = await makeUser(t);
    for (let i = 0; i < 4; i++) await upload(user.auth, png(8, 8, 10)).expect(200);
    expect((await upload(user.auth, png(8, 8, 10)).expect(429)).body).toMatchObject({ isSuccess: false, code: 'RATE_LIMITED' });
    await upload((await makeUser(t)).auth, png()).expect(200);
  });

  it('stored bytes per user are capped by UPLOAD_QUOTA_BYTES: past it, 413 TOO_LARGE and nothing stored', async () => {
    const user = await makeUser(t);
    await upload(user.auth, png(32, 32, 900)).expect(200);
    await upload(user.auth, png(32, 32, 900)).expect(200);
    const before = files().length;
    expect((await upload(user.auth, png(32, 32, 900)).expect(413)).body).toMatchObject({ isSuccess: false, code: 'TOO_LARGE' });
    expect(files().length).toBe(before);
  });

  it('replacing the profile picture removes the previous uploaded file; an https URL replacing it does too', async () => {
    const user = await makeUser(t);
    const first = (await upload(user.auth, png()).expect(200)).body as string;
    await t.http().patch('/api/user/me/profile/img').set(user.auth).send({ profileImg: first }).expect(200);
    const second = (await upload(user.auth, png()).expect(200)).body as string;
    await t.http().patch('/api/user/me/profile/img').set(user.auth).send({ profileImg: second }).expect(200);
    expect(files()).not.toContain(fileName(first));
    expect(files()).toContain(fileName(second));
    await t.http().patch('/api/user/me/profile/img').set(user.auth).send({ profileImg: 'https://example.com/me.png' }).expect(200);
    expect(files()).not.toContain(fileName(second));
    expect(await count(t, 'SELECT COUNT(*) AS n FROM uploads WHERE userId = ?', [user.id])).toBe(0);
  });

  it("another user's uploaded file cannot be taken as one's profile picture (it would vanish when its owner replaces it)", async () => {
    const owner = await makeUser(t);
    const other = await makeUser(t);
    const url = (await upload(owner.auth, png()).expect(200)).body as string;
    expect((await t.http().patch('/api/user/me/profile/img').set(other.auth).send({ profileImg: url }).expect(400)).body.code).toBe('VALIDATION');
  });

  it('files no profile uses are removed once older than UPLOAD_UNUSED_TTL_MS; the one in use stays', async () => {
    const user = await makeUser(t);
    const used = (await upload(user.auth, png()).expect(200)).body as string;
    const unused = (await upload(user.auth, png()).expect(200)).body as string;
    await t.http().patch('/api/user/me/profile/img').set(user.auth).send({ profileImg: used }).expect(200);
    clock.advance(59_000);
    await t.app.uploads.sweepUnused();
    expect(files()).toContain(fileName(unused));
    clock.advance(2_000);
    await t.app.uploads.sweepUnused();
    expect(files()).not.toContain(fileName(unused));
    expect(files()).toContain(fileName(used));
  });
});

describe('room creation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ROOM_CREATE_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('a secret room refused by a cheap check (unknown category, taken title, bad body) costs no bcrypt hash', async () => {
    const owner = await makeUser(t);
    const taken = await makeRoom(t, owner);
    const user = await makeUser(t);
    const hash = jest.spyOn(bcrypt, 'hash');
    const secret = { isSecret: true, pwd: 'abcd', categoryId: 2 };
    await t.http().post('/api/room/new').set(user.auth).send({ ...secret, title: uniqueTitle(), categoryId: 999 }).expect(400);
    await t.http().post('/api/room/new').set(user.auth).send({ ...secret, title: taken.title }).expect(409);
    await t.http().post('/api/room/new').set(user.auth).send({ ...secret, title: '' }).expect(400);
    expect(hash).not.toHaveBeenCalled();
  });

  it('secret rooms created in parallel hash one at a time, leaving bcrypt threads to log-ins', async () => {
    const users = await Promise.all(Array.from({ length: 3 }, () => makeUser(t)));
    let inFlight = 0;
    let most = 0;
    const real = bcrypt.hash.bind(bcrypt) as (s: string, r: number) => Promise<string>;
    jest.spyOn(bcrypt, 'hash').mockImplementation((async (s: string, r: number) => {
      most = Math.max(most, ++inFlight);
      try {
        return await real(s, r);
      } finally {
        inFlight--;
      }
    }) as never);
    await Promise.all(users.map((u) => t.http().post('/api/room/new').set(u.auth).send({ title: uniqueTitle(), isSecret: true, pwd: 'abcd', categoryId: 2 }).expect(201)));
    expect(most).toBe(1);
  });

  it('one user creates at most ROOM_CREATE_RATE_LIMIT rooms a minute (429 RATE_LIMITED)', async () => {
    const user = await makeUser(t);
    for (let i = 0; i < 3; i++) await t.http().post('/api/room/new').set(user.auth).send({ title: uniqueTitle(), categoryId: 2 }).expect(201);
    const res = await t.http().post('/api/room/new').set(user.auth).send({ title: uniqueTitle(), categoryId: 2 }).expect(429);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'RATE_LIMITED' });
  });
});
