import fc from 'fast-check';
import { NicknameSchema } from '../../src/users/users.schema';
import { textKey } from '../../src/shared/text';
import { makeRoom, makeUser, uniqueEmail } from '../support/factories';
import { dialect, startTestApp, type TestApp } from '../support/test-app';

/**
 * One set of text rules for every user-visible string, and one notion of "the same name", on SQLite and on
 * MariaDB alike: this file runs on both engines with the same expected answers.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const signUp = (nickname: string) => t.http().post('/api/auth/local').send({ origin: uniqueEmail(), nickname, pwd: 'Plum-Harbor-72' });
const newRoom = (auth: Record<string, string>, body: object) => t.http().post('/api/room/new').set(auth).send({ categoryId: 2, ...body });

describe(`text rules (${dialect})`, () => {
  it.each([
    ['NUL inside', 'ab\u0000cd'],
    ['a C1 control', 'ab\u0085cd'],
    ['zero-width only', '\u200b\u200b\u200b'],
    ['Hangul filler U+3164 only', '\u3164\u3164'],
    ['Hangul fillers U+115F U+1160', '\u115f\u1160'],
    ['half-width Hangul filler U+FFA0', '\uffa0\uffa0'],
    ['RTL override', 'ab\u202ecd'],
    ['a bidi isolate', 'ab\u2066cd'],
  ])('a nickname with %s is refused with 400 VALIDATION and a Korean message', async (_case, nickname) => {
    const res = await signUp(nickname).expect(400);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'VALIDATION' });
    expect(res.body.msg).toMatch(/[가-힣]/);
  });

  it.each([
    ['case', 'Kimch', 'kimch'],
    ['full-width forms (NFKC)', 'kimbap', 'ｋｉｍｂａｐ'],
    ['a zero-width space inside', 'kimch', 'ki\u200bmch'],
    ['Cyrillic look-alike letters', 'kopec', 'kорес'],
    ['ß against ss', 'MASSE', 'maße'],
    ['decomposed against composed Hangul (NFC)', '김치맛', '\u1100\u1175\u11b7\uce58\ub9db'],
  ])('nicknames that differ only by %s are one name: the second sign-up is 409 CONFLICT', async (_case, first, second) => {
    const suffix = Math.random().toString(36).slice(2, 4);
    await signUp(first + suffix).expect(201);
    expect((await signUp(second + suffix).expect(409)).body.code).toBe('CONFLICT');
  });

  it('a nickname change to a case variant of another user\'s nickname is 409; to one\'s own, fine', async () => {
    const a = await makeUser(t, { nickname: 'Mandu' + Math.random().toString(36).slice(2, 4) });
    const b = await makeUser(t);
    await t.http().patch('/api/user/me/profile/nickname').set(b.auth).send({ nickname: a.nickname.toUpperCase() }).expect(409);
    await t.http().patch('/api/user/me/profile/nickname').set(a.auth).send({ nickname: a.nickname.toLowerCase() }).expect(200);
  });

  it('room titles, tags and status messages follow the same rules; live titles are unique on the key', async () => {
    const u = await makeUser(t);
    expect((await newRoom(u.auth, { title: 'study\u0000room' }).expect(400)).body.code).toBe('VALIDATION');
    expect((await newRoom(u.auth, { title: '\u200b\u3164' }).expect(400)).body.code).toBe('VALIDATION');
    expect((await newRoom(u.auth, { title: 'ok title', tags: ['a\u0000b'] }).expect(400)).body.code).toBe('VALIDATION');
    expect((await newRoom(u.auth, { title: 'ok title', tags: ['\u202eab'] }).expect(400)).body.code).toBe('VALIDATION');
    await t.http().patch('/api/user/me/profile/statusMsg').set(u.auth).send({ statusMsg: 'hi\u0000' }).expect(400);
    await t.http().patch('/api/user/me/profile/statusMsg').set(u.auth).send({ statusMsg: '\ufeff\u200d' }).expect(400);
    const title = `Morning Run ${Math.random().toString(36).slice(2, 6)}`;
    await makeRoom(t, u, { title });
    const other = await makeUser(t);
    expect((await newRoom(other.auth, { title: title.toUpperCase() }).expect(409)).body.code).toBe('CONFLICT');
    expect((await newRoom(other.auth, { title: title.replace('o', 'о') }).expect(409)).body.code).toBe('CONFLICT');
  });

  it('a NUL in the log-in email (no token needed) is 400, not a 500', async () => {
    const res = await t.http().post('/api/auth').send({ origin: 'a\u0000@example.com', pwd: 'Plum-Harbor-72' }).expect(400);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'VALIDATION' });
  });

  it('property: any nickname drawn from a hostile alphabet gets the answer the shared rules predict (400, 201 or 409), on either engine', async () => {
    const alphabet = ['a', 'B', 'ｃ', 'о', '가', '\u1100\u1161', '\u0000', '\u0085', '\u200b', '\u3164', '\u202e', '\u2067', ' ', 'ß', 'S', '😀', '!'];
    const taken = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...alphabet), { minLength: 0, maxLength: 9 }), async (parts) => {
        const nickname = parts.join('');
        const parsed = NicknameSchema.safeParse(nickname);
        const expected = !parsed.success ? 400 : taken.has(textKey(parsed.data)) ? 409 : 201;
        const res = await signUp(nickname);
        expect([nickname, res.status]).toEqual([nickname, expected]);
        if (res.status === 201 && parsed.success) taken.add(textKey(parsed.data));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 100) },
    );
  }, 120_000);
});
