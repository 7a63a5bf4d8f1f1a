import { makeAdmin, makeUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { count } from './rest-support';

const METRICS_TOKEN = 'admin-ops-metrics-token-0123';
let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await startTestApp({ METRICS_TOKEN: METRICS_TOKEN });
  admin = await makeAdmin(t);
});
afterAll(() => t.close());

describe('admin endpoints (the isAdmin flag)', () => {
  it('GET /admin/users lists users for an admin, without password hashes', async () => {
    const other = await makeUser(t);
    const res = await t.http().get('/api/admin/users').set(admin.auth).expect(200);
    expect(res.body.isSuccess).toBe(true);
    const listed = res.body.data.users as Record<string, unknown>[];
    expect(listed.map((u) => u.id)).toEqual(expect.arrayContaining([admin.id, other.id]));
    expect(JSON.stringify(res.body)).not.toMatch(/pwdHash|\$2[aby]\$/);
  });

  it('POST /admin/user/:id/badge/bug awards reviewer once; unknown users 404; bad ids 400', async () => {
    const user = await makeUser(t);
    const first = await t.http().post(`/api/admin/user/${user.id}/badge/bug`).set(admin.auth).expect(201);
    expect(first.body).toMatchObject({ isSuccess: true, data: { awarded: true } });
    const again = await t.http().post(`/api/admin/user/${user.id}/badge/bug`).set(admin.auth).expect(201);
    expect(again.body.data.awarded).toBe(false);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM user_badges WHERE userId = ? AND badgeId = 8', [user.id])).toBe(1);
    const badges = await t.http().get('/api/user/me/badges').set(user.auth).expect(200);
    expect(badges.body.newBadge).toBe(8);

    expect((await t.http().post('/api/admin/user/999999999/badge/bug').set(admin.auth).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await t.http().post('/api/admin/user/abc/badge/bug').set(admin.auth).expect(400)).body.code).toBe('VALIDATION');
  });

  it('a non-admin gets 403 and nothing is awarded; no token gets 401', async () => {
    const [user, target] = [await makeUser(t), await makeUser(t)];
    expect((await t.http().get('/api/admin/users').set(user.auth).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http().post(`/api/admin/user/${target.id}/badge/bug`).set(user.auth).expect(403);
    await t.http().post(`/api/admin/user/${user.id}/badge/bug`).set(user.auth).expect(403);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM user_badges WHERE userId IN (?, ?)', [user.id, target.id])).toBe(0);
    await t.http().get('/api/admin/users').expect(401);
  });

  it('a guest cannot become an admin through its generated origin', async () => {
    const guest = await t.http().get('/api/auth/anon').expect(200);
    await t.http().get('/api/admin/users').set('Authorization', `Bearer ${guest.body.data.token}`).expect(403);
  });
});

describe('operations endpoints', () => {
  it('GET /health answers 200; GET /ready answers 200 with every check ok', async () => {
    expect((await t.http().get('/api/health').expect(200)).body).toEqual({ isSuccess: true, data: { status: 'ok' } });
    const ready = await t.http().get('/api/ready').expect(200);
    expect(ready.body).toMatchObject({ isSuccess: true, data: { status: 'ready', checks: { sql: 'ok' } } });
  });

  it('GET /metrics answers Prometheus text with the request histogram', async () => {
    await t.http().get('/api/categories').expect(200);
    const res = await t.http().get('/api/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toMatch(/route="\/api\/categories"/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });

  it('an unknown /api path answers a JSON 404', async () => {
    const res = await t.http().get('/api/nothing/here').expect(404);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'NOT_FOUND' });
  });
});

describe('GET /ready when the database is unreachable', () => {
  it('answers 503 UNAVAILABLE with the failing check, while /health stays 200', async () => {
    const down = await startTestApp();
    try {
      await down.http().get('/api/ready').expect(200);
      // The app's own database handle goes away, as when the server or file disappears under a running process.
      await down.app.db.close();
      const res = await down.http().get('/api/ready').expect(503);
      expect(res.body).toMatchObject({ isSuccess: false, code: 'UNAVAILABLE', data: { checks: { sql: 'down' } } });
      await down.http().get('/api/health').expect(200);
    } finally {
      await down.close().catch(() => undefined);
    }
  });
});
