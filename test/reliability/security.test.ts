import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { makeAdmin, makeRoom, makeUser, type TestUser } from '../support/factories';
import { catalogue, declaredRoutes, fillPath, type RouteSpec } from '../support/route-catalogue';
import { connect } from '../support/socket-client';
import { snapshotTables } from '../support/table-snapshot';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';

/**
 * The security matrix: every authenticated route against every kind of bad token, every `:userId` route
 * against another user's id, the admin routes against a non-admin, and password guessing against the limit.
 */
const PWD_LIMIT = 3;

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let admin: TestUser;
let bobsRoom: { id: number };

beforeAll(async () => {
  // Memberships entered over REST end after the reconnect grace; a day keeps that from writing mid-test.
  t = await startTestApp({ ROOM_PWD_RATE_LIMIT: String(PWD_LIMIT), RECONNECT_GRACE_MS: String(24 * 3600_000) });
  alice = await makeUser(t);
  bob = await makeUser(t);
  admin = await makeAdmin(t);
  bobsRoom = await makeRoom(t, bob);
});
afterAll(() => t.close());

const AUTHENTICATED_ROUTES = catalogue().filter((r) => r.authenticated);
const SELF_ONLY_ROUTES = AUTHENTICATED_ROUTES.filter((r) => r.selfOnly);
const ADMIN_ROUTES = AUTHENTICATED_ROUTES.filter((r) => r.adminOnly);

/** Claims that would be accepted if the token were signed correctly, so only the named fault is tested. */
const claims = () => ({ jti: randomUUID() });
const BAD_TOKENS: [string, () => string | undefined][] = [
  ['no token', () => undefined],
  ['an empty bearer', () => 'Bearer '],
  ['a malformed token', () => 'Bearer abc.def.ghi'],
  ['a bad signature', () => `Bearer ${jwt.sign(claims(), 'an-attacker-secret-an-attacker-secret-0000', { subject: String(alice.id), expiresIn: '1h' })}`],
  ['an alg none token', () => `Bearer ${jwt.sign(claims(), '', { algorithm: 'none', subject: String(alice.id), expiresIn: '1h' })}`],
  ['an HS512 token (algorithm not pinned)', () => `Bearer ${jwt.sign(claims(), TEST_JWT_SECRET, { algorithm: 'HS512', subject: String(alice.id), expiresIn: '1h' })}`],
  ['an expired token', () => `Bearer ${jwt.sign({ ...claims(), exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET, { subject: String(alice.id) })}`],
  ['a token without jti', () => `Bearer ${jwt.sign({}, TEST_JWT_SECRET, { subject: String(alice.id), expiresIn: '1h' })}`],
  ['a token for a user that does not exist', () => `Bearer ${jwt.sign(claims(), TEST_JWT_SECRET, { subject: '999999', expiresIn: '1h' })}`],
];

function send(route: RouteSpec, userId: number, roomId: number, authorization?: string) {
  const req = t.http()[route.method](fillPath(route.pattern, { userId, roomId }));
  if (authorization !== undefined) req.set('Authorization', authorization);
  return route.body ? req.send(route.body) : req;
}

const label = (r: RouteSpec) => `${r.method.toUpperCase()} /api${r.pattern}`;

describe('authentication on every authenticated route', () => {
  it('the matrix knows every route the source declares', () => {
    const known = new Set(catalogue().map((r) => `${r.method} ${r.pattern}`));
    const unknown = declaredRoutes().filter((r) => !known.has(`${r.method} ${r.pattern}`));
    expect(unknown).toEqual([]);
  });

  describe.each(BAD_TOKENS)('when the request carries %s', (_name, makeHeader) => {
    it.each(AUTHENTICATED_ROUTES.map((r) => [label(r), r] as const))(
      '%s answers 401 UNAUTHENTICATED and changes nothing',
      async (_label, route) => {
        const before = await snapshotTables(t.app.db.sequelize);
        const res = await send(route, alice.id, bobsRoom.id, makeHeader());
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ isSuccess: false, code: 'UNAUTHENTICATED', msg: expect.any(String) });
        expect(await snapshotTables(t.app.db.sequelize)).toEqual(before);
      },
    );
  });

  it.each(AUTHENTICATED_ROUTES.map((r) => [label(r), r] as const))(
    '%s with a valid token of its own user gets past authentication (the control for the rows above)',
    async (_label, route) => {
      const owner = await makeUser(t);
      const res = await send(route, owner.id, bobsRoom.id, owner.auth.Authorization);
      expect(res.status).not.toBe(401);
      expect(res.status).toBeLessThan(500);
      expect(res.body?.msg ?? '').not.toMatch(/^No route/);
    },
  );

  it.each(BAD_TOKENS)('the socket handshake with %s is refused with connect_error UNAUTHENTICATED', async (_name, makeHeader) => {
    const header = makeHeader();
    await expect(connect(t.url, header === undefined ? undefined : header.replace(/^Bearer /, ''))).rejects.toThrow('UNAUTHENTICATED');
  });

  it('a token revoked by logout is refused everywhere afterwards', async () => {
    const carol = await makeUser(t);
    await t.http().delete('/api/auth/local').set(carol.auth).expect(200);
    for (const route of AUTHENTICATED_ROUTES) {
      const res = await send(route, carol.id, bobsRoom.id, carol.auth.Authorization);
      expect([label(route), res.status]).toEqual([label(route), 401]);
    }
  });
});

describe("another user's id in the path", () => {
  it.each(SELF_ONLY_ROUTES.map((r) => [label(r), r] as const))(
    "%s with another user's id answers 403 FORBIDDEN and changes nothing",
    async (_label, route) => {
      const before = await snapshotTables(t.app.db.sequelize);
      const res = await send(route, bob.id, bobsRoom.id, alice.auth.Authorization);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ isSuccess: false, code: 'FORBIDDEN' });
      expect(await snapshotTables(t.app.db.sequelize)).toEqual(before);
    },
  );

  it("reading another user's badges shows them without consuming that user's newBadge", async () => {
    const res = await t.http().get(`/api/user/${bob.id}/badges`).set(alice.auth).expect(200);
    expect(res.body).not.toHaveProperty('newBadge');
  });
});

describe('admin routes', () => {
  it.each(ADMIN_ROUTES.map((r) => [label(r), r] as const))(
    '%s refuses a signed-in non-admin with 403 FORBIDDEN',
    async (_label, route) => {
      const before = await snapshotTables(t.app.db.sequelize);
      const res = await send(route, alice.id, bobsRoom.id, alice.auth.Authorization);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ isSuccess: false, code: 'FORBIDDEN' });
      expect(await snapshotTables(t.app.db.sequelize)).toEqual(before);
    },
  );

  it('a guest whose generated origin happens to be in no list is refused, and the admin is let in', async () => {
    const guest = await t.http().get('/api/auth/anon').expect(200);
    await t.http().get('/api/admin/users').set('Authorization', `Bearer ${guest.body.data.token}`).expect(403);
    const res = await t.http().get('/api/admin/users').set(admin.auth).expect(200);
    expect(JSON.stringify(res.body)).not.toMatch(/pwdHash|\$2[aby]\$/);
  });
});

describe('secret-room passwords', () => {
  it(`after ${PWD_LIMIT} attempts a minute, further guesses on every password path answer 429 RATE_LIMITED`, async () => {
    const owner = await makeUser(t);
    const guesser = await makeUser(t);
    const room = await makeRoom(t, owner, { isSecret: true, pwd: 'right-pw' });
    const wrong = [
      () => t.http().get(`/api/room/${room.id}/pwd/guess1`).set(guesser.auth),
      () => t.http().post(`/api/room/${room.id}/pwd`).set(guesser.auth).send({ pwd: 'guess2' }),
      () => t.http().post(`/api/room/${room.id}/user/${guesser.id}`).set(guesser.auth).send({ pwd: 'guess3' }),
    ];
    for (const attempt of wrong) expect((await attempt()).status).toBe(409);

    const before = await snapshotTables(t.app.db.sequelize);
    for (const attempt of [...wrong, () => t.http().get(`/api/room/${room.id}/pwd/right-pw`).set(guesser.auth)]) {
      const res = await attempt();
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ isSuccess: false, code: 'RATE_LIMITED' });
    }
    // Even the right password is refused while limited, so the limit cannot be used as an oracle.
    const entry = await t.http().post(`/api/room/${room.id}/user/${guesser.id}`).set(guesser.auth).send({ pwd: 'right-pw' });
    expect(entry.status).toBe(429);
    expect(await snapshotTables(t.app.db.sequelize)).toEqual(before);

    // The limit is per user and room: the owner's friend is not punished for the guesser.
    const friend = await makeUser(t);
    await t.http().post(`/api/room/${room.id}/pwd`).set(friend.auth).send({ pwd: 'right-pw' }).expect(200);
  });

  it('a stored room never reveals its password or hash', async () => {
    const owner = await makeUser(t);
    const room = await makeRoom(t, owner, { isSecret: true, pwd: 'hidden-pw' });
    const detail = await t.http().post(`/api/room/${room.id}/user/${owner.id}`).set(owner.auth).send({}).expect(201);
    const list = await t.http().get('/api/rooms?q=all').expect(200);
    expect(JSON.stringify([detail.body, list.body])).not.toMatch(/hidden-pw|pwdHash|\$2[aby]\$/);
  });
});
