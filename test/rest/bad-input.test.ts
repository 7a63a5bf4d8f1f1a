import { makeRoom, makeUser, type TestUser } from '../support/factories';
import { snapshotTables } from '../support/table-snapshot';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let user: TestUser;
let roomId: number;
beforeAll(async () => {
  t = await startTestApp();
  const owner = await makeUser(t);
  roomId = (await makeRoom(t, owner, { isSecret: true, pwd: 'abcd1234' })).id;
  user = await makeUser(t);
});
afterAll(() => t.close());

/** Every route that reads a JSON body, with the path as the token user may call it. */
const JSON_ROUTES: [method: 'post' | 'patch', path: () => string][] = [
  ['post', () => '/api/auth/local'],
  ['post', () => '/api/auth'],
  ['post', () => '/api/room/new'],
  ['post', () => `/api/room/${roomId}/user/me`],
  ['post', () => `/api/room/${roomId}/pwd`],
  ['patch', () => '/api/user/me/profile/img'],
  ['patch', () => '/api/user/me/profile/nickname'],
  ['patch', () => '/api/user/me/profile/statusMsg'],
  ['patch', () => '/api/user/me/profile/masterBadge'],
];
type Req = ReturnType<ReturnType<TestApp['http']>['post']>;
const cases = JSON_ROUTES.map(([method, path]) => [`${method.toUpperCase()} ${path().replace(String(roomId), ':roomId')}`, method, path] as const);

describe('malformed, oversized and mistyped bodies', () => {
  it.each(cases)('%s: malformed JSON answers 400 VALIDATION and stores nothing', async (_name, method, path) => {
    const before = await snapshotTables(t.app.db.sequelize);
    const res = await t.http()[method](path()).set(user.auth).set('content-type', 'application/json').send('{"title": "x",').expect(400);
    expect(res.body).toEqual({ isSuccess: false, code: 'VALIDATION', msg: expect.stringContaining('JSON') });
    expect(await snapshotTables(t.app.db.sequelize)).toEqual(before);
  });

  it.each(cases)('%s: a body over 64 kB answers 413 TOO_LARGE and stores nothing', async (_name, method, path) => {
    const before = await snapshotTables(t.app.db.sequelize);
    const res = await t.http()[method](path()).set(user.auth).send({ title: 'x'.repeat(70_000), pwd: 'x'.repeat(70_000) }).expect(413);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'TOO_LARGE' });
    expect(await snapshotTables(t.app.db.sequelize)).toEqual(before);
  });

  it.each(cases)('%s: a JSON array, a bare string or a form body answers 400 VALIDATION', async (_name, method, path) => {
    const before = await snapshotTables(t.app.db.sequelize);
    for (const send of [
      (r: Req) => r.send([1, 2]),
      (r: Req) => r.set('content-type', 'application/json').send('"just a string"'),
      (r: Req) => r.type('form').send('title=x&pwd=abcd'),
    ]) {
      const res = await send(t.http()[method](path()).set(user.auth));
      // An entry into a room needs no body at all, so for it a useless body is a refused entry, never a 5xx.
      if (path().endsWith('/user/me')) expect([400, 409]).toContain(res.status);
      else expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ isSuccess: false });
    }
    expect(await snapshotTables(t.app.db.sequelize)).toEqual(before);
  });
});

describe('ids in paths', () => {
  it.each([
    // One id rule for every path (src/shared/id.ts): 0 is never an id (except category 0, the original client's "no category": an empty list); anything past the INT column is refused.
    ['get', '/api/user/0/badges', 400],
    ['get', '/api/user/1234567890/badges', 404],
    ['get', '/api/user/2147483648/badges', 400],
    ['get', '/api/user/12345678901/badges', 400],
    ['get', '/api/user/99999999/badges', 404],
    ['post', '/api/room/0/user/me', 400],
    ['post', '/api/room/1.5/pwd', 400],
    ['get', '/api/room/99999999/pwd/abcd', 404],
    ['delete', '/api/room/99999999/user/me', 404],
    ['get', '/api/rooms/category/0', 200],
    ['get', '/api/rooms/category/99999999', 200],
  ] as const)('%s %s answers %i in the envelope', async (method, path, status) => {
    const res = await t.http()[method](path).set(user.auth).send({ pwd: 'abcd' }).expect(status);
    expect(res.body.isSuccess).toBe(status === 200);
    if (status !== 200) expect(res.body.code).toEqual(expect.any(String));
  });
});
