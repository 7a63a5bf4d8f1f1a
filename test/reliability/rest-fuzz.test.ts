import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { ERROR_STATUS } from '../../src/errors';
import { makeAdmin, makeRoom, makeUser, type TestUser } from '../support/factories';
import { encodeSegment, hostileJson, hostileSegment, hostileString, mutatedBody, PROTOTYPE_KEYS } from '../support/hostile';
import { catalogue, type RouteSpec } from '../support/route-catalogue';
import { snapshotTables } from '../support/table-snapshot';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Property-based fuzzing of every REST route with hostile paths, queries and bodies. For every case:
 * never a 5xx, always the error envelope with a code from the contract, and after a rejected request
 * the stored tables are exactly as before.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

let t: TestApp;
let actor: TestUser;
let admin: TestUser;
let other: TestUser;
let publicRoom: { id: number };
let secretRoom: { id: number };
const casesRun: Record<string, number> = {};

beforeAll(async () => {
  // Memberships entered over REST end after the reconnect grace; a day keeps that from writing mid-test.
  t = await startTestApp({ RECONNECT_GRACE_MS: String(24 * 3600_000) });
  actor = await makeUser(t);
  admin = await makeAdmin(t);
  other = await makeUser(t);
  publicRoom = await makeRoom(t, other);
  secretRoom = await makeRoom(t, await makeUser(t), { isSecret: true, pwd: 'secret' });
});
afterAll(async () => {
  const total = Object.values(casesRun).reduce((a, b) => a + b, 0);
  console.log(`REST fuzz: ${total} cases over ${Object.keys(casesRun).length} routes (${RUNS} per route)\n${Object.entries(casesRun).map(([r, n]) => `  ${n}\t${r}`).join('\n')}`);
  await t?.close();
});

/**
 * The stored tables as last read. Nothing but the fuzzer writes during these tests, so the state after
 * a rejected case is the state before the next one: this halves the reads on the common path.
 */
const storedState = {
  last: undefined as Awaited<ReturnType<typeof snapshotTables>> | undefined,
  async read() {
    this.last ??= await snapshotTables(t.app.db.sequelize);
    return this.last;
  },
  keep(snapshot: Awaited<ReturnType<typeof snapshotTables>>) {
    this.last = snapshot;
  },
  forget() {
    this.last = undefined;
  },
};

const label = (r: RouteSpec) => `${r.method.toUpperCase()} /api${r.pattern}`;

/** Valid values for each path parameter, which the fuzzer mixes with hostile ones. */
function segmentFor(name: string): fc.Arbitrary<string> {
  const valid: Record<string, () => string[]> = {
    userId: () => [String(actor.id), 'me', String(other.id), '999999'],
    roomId: () => [String(publicRoom.id), String(secretRoom.id), '999999'],
    categoryId: () => ['1', '6', '7'],
    pwd: () => ['secret', 'wrong'],
    type: () => ['local', 'kakao'],
  };
  return hostileSegment(fc.constantFrom(...(valid[name]?.() ?? ['1'])));
}

function queryFor(route: RouteSpec): fc.Arbitrary<string> {
  const params = Object.entries(route.query ?? {}).map(([name, value]) =>
    fc.oneof(
      fc.constant([[name, value]]),
      fc.constant([]),
      hostileString.filter((s) => s.length < 3_000).map((s) => [[name, s]]),
      fc.tuple(hostileString, hostileString).map(([a, b]) => [[name, a.slice(0, 50)], [name, b.slice(0, 50)]]),
      fc.constant([[`${name}[a]`, 'b']]),
    ),
  );
  const extra = fc.array(fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS, 'x'), fc.string({ maxLength: 10 })), { maxLength: 2 });
  return fc.tuple(fc.tuple(...params), extra, fc.boolean()).map(([chosen, more, raw]) => {
    const pairs = [...chosen.flat(), ...more] as [string, string][];
    const text = pairs.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&');
    // Sometimes a raw, badly encoded query string, as a broken client would send.
    return raw && pairs.length ? `${text}&%zz=%E0%A4%A` : text;
  });
}

type Case = { who: 'actor' | 'admin' | 'none'; path: string; query: string; contentType: string; body: string | undefined };

function caseFor(route: RouteSpec): fc.Arbitrary<Case> {
  const names = [...route.pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const pathArb = fc.tuple(...names.map(segmentFor)).map((segments) => {
    let i = 0;
    return `/api${route.pattern.replace(/:(\w+)/g, () => segments[i++]!)}`;
  });
  const bodyArb = route.body
    ? fc.oneof({ weight: 8, arbitrary: mutatedBody(route.body) }, { weight: 1, arbitrary: fc.constant(undefined) })
    : fc.oneof(fc.constant(undefined), hostileJson);
  return fc.record({
    who: route.authenticated ? fc.constantFrom<Case['who']>('actor', 'actor', 'actor', 'admin', 'none') : fc.constant<Case['who']>('none'),
    path: pathArb,
    query: route.query ? queryFor(route) : fc.constant(''),
    contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded'),
    body: bodyArb,
  });
}

function tokenOf(who: Case['who']): string | undefined {
  if (who === 'actor') return actor.auth.Authorization;
  if (who === 'admin') return admin.auth.Authorization;
  return undefined;
}

async function send(route: RouteSpec, c: Case): Promise<Response> {
  const req = t.http()[route.method](c.query ? `${c.path}?${c.query}` : c.path);
  const token = tokenOf(c.who);
  if (token) req.set('Authorization', token);
  if (c.body === undefined) return req;
  return req.set('Content-Type', c.contentType).send(c.body);
}

/** What every response must be, whatever the input. */
function assertWellFormed(res: Response, c: Case) {
  const where = `${c.path.slice(0, 200)}?${c.query.slice(0, 200)} ${c.body?.slice(0, 200)}`;
  if (res.status >= 500) throw new Error(`answered ${res.status} ${JSON.stringify(res.body)} to ${where}`);
  if (res.status >= 400) {
    expect(res.body).toMatchObject({ isSuccess: false, msg: expect.any(String), code: expect.any(String) });
    const code = res.body.code as keyof typeof ERROR_STATUS;
    expect(ERROR_STATUS[code]).toBe(res.status);
  }
}

/** A logout or a nickname change by the fuzzer must not stop the next cases from reaching the handlers. */
async function refreshActorsIfNeeded(route: RouteSpec, c: Case, res: Response) {
  if (route.pattern !== '/auth/:type' || res.status !== 200) return;
  if (c.who === 'actor') actor = await makeUser(t);
  if (c.who === 'admin') {
    const login = await t.http().post('/api/auth').send({ origin: admin.origin, pwd: admin.pwd }).expect(200);
    admin = { ...admin, token: login.body.data.token, auth: { Authorization: `Bearer ${login.body.data.token}` } };
  }
}

describe('REST fuzzing', () => {
  it.each(catalogue().filter((r) => r.pattern !== '/upload/image').map((r) => [label(r), r] as const))(
    '%s: hostile input never gets a 5xx, and a rejected request changes nothing stored',
    async (name, route) => {
      await fc.assert(
        fc.asyncProperty(caseFor(route), async (c) => {
          const before = await storedState.read();
          const res = await send(route, c);
          casesRun[name] = (casesRun[name] ?? 0) + 1;
          assertWellFormed(res, c);
          if (res.status >= 400) {
            storedState.keep(await snapshotTables(t.app.db.sequelize));
            expect(storedState.last).toEqual(before);
          } else {
            storedState.forget();
          }
          await refreshActorsIfNeeded(route, c, res);
        }),
        { numRuns: RUNS },
      );
    },
    120_000,
  );

  it('POST /api/upload/image: hostile multipart never gets a 5xx, and a rejected upload stores no file', async () => {
    const name = 'POST /api/upload/image';
    const uploadDir = path.join(t.tmp, 'uploads');
    const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const upload = fc.record({
      field: fc.oneof(fc.constant('image'), hostileString.filter((s) => s.length > 0 && s.length < 100 && !/[\r\n"\u0000]/.test(s))),
      filename: fc.oneof(fc.constant('a.png'), hostileString.filter((s) => s.length > 0 && s.length < 200 && !/[\r\n"\u0000]/.test(s))),
      bytes: fc.oneof(fc.uint8Array({ maxLength: 2_000 }), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([PNG, b]))),
      extraFields: fc.array(fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS, 'image', 'x'), fc.string({ maxLength: 20 })), { maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(upload, async (u) => {
        const filesBefore = fs.readdirSync(uploadDir).length;
        const req = t.http().post('/api/upload/image').set(actor.auth);
        for (const [k, v] of u.extraFields) req.field(k, v);
        const res = await req.attach(u.field, Buffer.from(u.bytes), u.filename);
        casesRun[name] = (casesRun[name] ?? 0) + 1;
        if (res.status >= 500) throw new Error(`answered ${res.status} ${JSON.stringify(res.body)}`);
        if (res.status >= 400) {
          expect(res.body).toMatchObject({ isSuccess: false, code: expect.any(String) });
          expect(fs.readdirSync(uploadDir).length).toBe(filesBefore);
        }
      }),
      { numRuns: RUNS },
    );
    // A file twice the limit is refused as a whole.
    const huge = await t.http().post('/api/upload/image').set(actor.auth).attach('image', Buffer.concat([PNG, Buffer.alloc(4 * 1024 * 1024)]), 'big.png');
    expect(huge.status).toBe(413);
  });

  it('after the fuzzing the server is alive and still serves a normal user', async () => {
    await t.http().get('/api/health').expect(200);
    const fresh = await makeUser(t);
    const room = await makeRoom(t, fresh);
    expect(room.participantCnt).toBe(1);
  });
});
