import type { Response } from 'supertest';
import { openApiPath } from '../../src/http/openapi/openapi-document';
import { makeAdmin, makeRoom, makeUser, uniqueEmail, uniqueNickname, type TestUser } from '../support/factories';
import { pngHeader } from '../support/images';
import { schemaErrors } from '../support/json-schema';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Real answers checked against the served document: for each request, the document must list the status
 * that came back, and the body must conform to that response's JSON schema (strict objects: a field the
 * document does not name, a password hash for one, fails).
 */
type Document = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };

const METRICS_TOKEN = 'openapi-metrics-token-0123456789';
let t: TestApp;
let doc: Document;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  t = await startTestApp({ METRICS_TOKEN, RECONNECT_GRACE_MS: String(24 * 3600_000) });
  doc = (await t.http().get('/api/openapi.json').expect(200)).body as Document;
  alice = await makeUser(t);
  bob = await makeUser(t);
});
afterAll(() => t.close());

/** The problems of a real response against the document's response for its status (empty when it conforms). */
function problems(method: string, pattern: string, res: Response): string[] {
  const op = doc.paths[openApiPath(pattern)]?.[method];
  if (!op) return [`no operation ${method} ${pattern}`];
  const documented = op.responses[String(res.status)];
  if (!documented) return [`${method} ${pattern} answered ${res.status}, which the document does not list (${Object.keys(op.responses).join(', ')})`];
  const type = String(res.headers['content-type'] ?? '').split(';')[0]!;
  const media = documented.content?.[type];
  if (!media?.schema) return [`${method} ${pattern} ${res.status}: no schema for ${type}`];
  return schemaErrors(media.schema, type === 'application/json' ? res.body : res.text, doc as never);
}

function expectConforms(method: string, pattern: string, res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(problems(method, pattern, res)).toEqual([]);
}

describe('real responses conform to the OpenAPI document', () => {
  it('sign-up, log-in, a guest, me, and their errors', async () => {
    const body = { origin: uniqueEmail(), nickname: uniqueNickname(), pwd: 'Contract-9q2w' };
    expectConforms('post', '/auth/local', await t.http().post('/api/auth/local').send(body), 201);
    expectConforms('post', '/auth/local', await t.http().post('/api/auth/local').send(body), 409);
    expectConforms('post', '/auth/local', await t.http().post('/api/auth/local').send({ ...body, pwd: 'short' }), 400);
    const login = await t.http().post('/api/auth').send({ origin: body.origin, pwd: body.pwd });
    expectConforms('post', '/auth', login, 200);
    expectConforms('post', '/auth', await t.http().post('/api/auth').send({ origin: body.origin, pwd: 'wrong-password' }), 401);
    expectConforms('get', '/auth/anon', await t.http().get('/api/auth/anon'), 200);
    expectConforms('get', '/auth/kakao/callback', await t.http().get('/api/auth/kakao/callback?code=x'), 404);
    const auth = { Authorization: `Bearer ${login.body.data.token}` };
    expectConforms('get', '/user/me', await t.http().get('/api/user/me').set(auth), 200);
    expectConforms('get', '/user/me', await t.http().get('/api/user/me'), 401);
    expectConforms('delete', '/auth/:type', await t.http().delete('/api/auth/local').set(auth), 200);
  });

  it('the catalogues, the operations routes and the document itself', async () => {
    expectConforms('get', '/categories', await t.http().get('/api/categories'), 200);
    expectConforms('get', '/badges', await t.http().get('/api/badges'), 200);
    expectConforms('get', '/health', await t.http().get('/api/health'), 200);
    expectConforms('get', '/ready', await t.http().get('/api/ready'), 200);
    expectConforms('get', '/metrics', await t.http().get('/api/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`), 200);
    expectConforms('get', '/openapi.json', await t.http().get('/api/openapi.json'), 200);
    expectConforms('get', '/docs', await t.http().get('/api/docs'), 200);
  });

  it('rooms: create, list, enter, passwords, leave, and their errors', async () => {
    const create = await t.http().post('/api/room/new').set(alice.auth).send({ title: `openapi ${Date.now()}`, isSecret: false, categoryId: 3, tags: ['tag'] });
    expectConforms('post', '/room/new', create, 201);
    const roomId = create.body.data.id as number;
    // Another user: alice's own second room would move her out and free the title.
    expectConforms('post', '/room/new', await t.http().post('/api/room/new').set(bob.auth).send({ title: create.body.data.title, categoryId: 3 }), 409);
    expectConforms('post', '/room/new', await t.http().post('/api/room/new').set(alice.auth).send({ title: '', categoryId: 3 }), 400);
    expectConforms('get', '/rooms', await t.http().get('/api/rooms?q=all&p=1'), 200);
    expectConforms('get', '/rooms', await t.http().get('/api/rooms?q=openapi'), 200);
    expectConforms('get', '/rooms', await t.http().get('/api/rooms?p=zero'), 400);
    expectConforms('get', '/rooms/category/:categoryId', await t.http().get('/api/rooms/category/3'), 200);

    expectConforms('post', '/room/:roomId/user/:userId', await t.http().post(`/api/room/${roomId}/user/${bob.id}`).set(bob.auth).send({}), 201);
    expectConforms('post', '/room/:roomId/user/:userId', await t.http().post(`/api/room/999999/user/${bob.id}`).set(bob.auth).send({}), 404);
    expectConforms('post', '/room/:roomId/user/:userId', await t.http().post(`/api/room/${roomId}/user/${alice.id}`).set(bob.auth).send({}), 403);

    const owner = await makeUser(t);
    const secret = await makeRoom(t, owner, { isSecret: true, pwd: 'open-pw' });
    expectConforms('post', '/room/:roomId/pwd', await t.http().post(`/api/room/${secret.id}/pwd`).set(bob.auth).send({ pwd: 'open-pw' }), 200);
    expectConforms('get', '/room/:roomId/pwd/:pwd', await t.http().get(`/api/room/${secret.id}/pwd/wrong`).set(bob.auth), 409);
    // Someone who never passed the check (bob's passed check would let him in for its lifetime).
    const carol = await makeUser(t);
    expectConforms('post', '/room/:roomId/user/:userId', await t.http().post(`/api/room/${secret.id}/user/${carol.id}`).set(carol.auth).send({ pwd: 'wrong' }), 409);

    expectConforms('delete', '/room/:roomId/user/:userId', await t.http().delete(`/api/room/${roomId}/user/${bob.id}`).set(bob.auth), 200);
    expectConforms('delete', '/room/:roomId/user/:userId', await t.http().delete(`/api/room/${roomId}/user/${bob.id}`).set(bob.auth), 404);
  });

  it("a user's records, badges and profile", async () => {
    expectConforms('get', '/user/:userId/records', await t.http().get('/api/user/me/records').set(alice.auth), 200);
    expectConforms('get', '/user/:userId/records', await t.http().get(`/api/user/${bob.id}/records`).set(alice.auth), 403);
    expectConforms('get', '/user/:userId/badges', await t.http().get(`/api/user/${alice.id}/badges`).set(alice.auth), 200);
    expectConforms('get', '/user/:userId/badges', await t.http().get('/api/user/999999/badges').set(alice.auth), 404);
    expectConforms('patch', '/user/:userId/profile/statusMsg', await t.http().patch('/api/user/me/profile/statusMsg').set(alice.auth).send({ statusMsg: 'hello' }), 200);
    expectConforms('patch', '/user/:userId/profile/nickname', await t.http().patch('/api/user/me/profile/nickname').set(alice.auth).send({ nickname: bob.nickname }), 409);
    expectConforms('patch', '/user/:userId/profile/masterBadge', await t.http().patch('/api/user/me/profile/masterBadge').set(alice.auth).send({ badgeId: null }), 200);
    expectConforms('patch', '/user/:userId/profile/masterBadge', await t.http().patch('/api/user/me/profile/masterBadge').set(alice.auth).send({ badgeId: 9 }), 403);
    const png = Buffer.concat([pngHeader(8, 8), Buffer.alloc(32, 1)]);
    const upload = await t.http().post('/api/upload/image').set(alice.auth).attach('image', png, 'a.png');
    expectConforms('post', '/upload/image', upload, 200);
    expectConforms('patch', '/user/:userId/profile/img', await t.http().patch('/api/user/me/profile/img').set(alice.auth).send({ profileImg: upload.body }), 200);
  });

  it('the admin routes', async () => {
    const admin = await makeAdmin(t);
    expectConforms('get', '/admin/users', await t.http().get('/api/admin/users').set(admin.auth), 200);
    expectConforms('get', '/admin/users', await t.http().get('/api/admin/users').set(alice.auth), 403);
    expectConforms('post', '/admin/user/:userId/badge/bug', await t.http().post(`/api/admin/user/${bob.id}/badge/bug`).set(admin.auth), 201);
  });

  it('the check is not vacuous: an undocumented field, a wrong type or an unlisted status is caught', async () => {
    await makeRoom(t, await makeUser(t), { categoryId: 3 });
    const res = await t.http().get('/api/rooms/category/3');
    const leaky = { ...res, body: { ...res.body, data: [{ ...res.body.data[0], pwdHash: '$2b$' }] } } as Response;
    expect(problems('get', '/rooms/category/:categoryId', leaky)).toEqual([expect.stringContaining('pwdHash: not allowed')]);
    const wrongType = { ...res, body: { ...res.body, data: [{ ...res.body.data[0], capacity: '4' }] } } as Response;
    expect(problems('get', '/rooms/category/:categoryId', wrongType)).toEqual([expect.stringContaining('capacity: string is not integer')]);
    expect(problems('get', '/rooms/category/:categoryId', { ...res, status: 418 } as Response)[0]).toMatch(/418, which the document does not list/);
  });
});
