import mysql from 'mysql2/promise';
import type { Test } from 'supertest';
import { makeUser, type TestUser } from '../support/factories';
import { findExecutable, startOwnMariaDb, type OwnServer } from '../support/child-services';
import { eventually } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The database hangs: a MariaDB of this test's own is frozen with SIGSTOP, so it answers nothing while
 * every TCP connection stays open (unlike database-gone, where connections are refused). Then SIGCONT.
 */
const hasMariaDb = Boolean(findExecutable('mariadbd') ?? findExecutable('mysqld'));
if (!hasMariaDb) process.stderr.write('SKIP database-hangs fault tests: mariadbd is not installed (apt-get install mariadb-server)\n');
const describeWithMariaDb = hasMariaDb ? describe : describe.skip;

const ANSWER_WITHIN_MS = 2_000;

/** The status (or 'no answer' after 5 s, so a hang fails the test instead of timing it out) and the time taken. */
async function timed(req: Test): Promise<{ status: number | 'no answer'; code?: string; ms: number }> {
  const started = Date.now();
  try {
    const res = await req.timeout(5_000);
    return { status: res.status, code: (res.body as { code?: string }).code, ms: Date.now() - started };
  } catch {
    return { status: 'no answer', ms: Date.now() - started };
  }
}

describeWithMariaDb('when the SQL database hangs without closing its connections and then answers again', () => {
  let db: OwnServer;
  let t: TestApp;
  let alice: TestUser;

  beforeAll(async () => {
    db = await startOwnMariaDb();
    const admin = await mysql.createConnection(db.url);
    await admin.query('CREATE DATABASE withme CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci');
    await admin.end();
    t = await startTestApp({ DATABASE_URL: `${db.url}/withme` });
    alice = await makeUser(t);
  }, 90_000);

  afterAll(async () => {
    db?.resume();
    await t?.close().catch(() => undefined);
    await db?.dispose();
  }, 30_000);

  it('REST answers 503 UNAVAILABLE within 2 s while it hangs (more requests than the pool holds), and recovers with no restart when it answers', async () => {
    // Warm the pool, so the hang catches open connections as well as new ones.
    await Promise.all(Array.from({ length: 12 }, () => t.http().get('/api/rooms?q=all').expect(200)));

    db.pause();
    const during = await Promise.all([
      timed(t.http().get('/api/user/me').set(alice.auth)),
      timed(t.http().post('/api/room/new').set(alice.auth).send({ title: 'made during the hang', categoryId: 2 })),
      timed(t.http().post('/api/auth/local').send({ origin: 'hang@example.com', nickname: 'hang', pwd: 'Plum-Harbor-72' })),
      timed(t.http().get(`/api/user/${alice.id}/records`).set(alice.auth)),
      ...Array.from({ length: 15 }, () => timed(t.http().get('/api/rooms?q=all'))),
    ]);
    for (const r of during) {
      expect([r.status, r.code]).toEqual([503, 'UNAVAILABLE']);
      expect(r.ms).toBeLessThan(ANSWER_WITHIN_MS);
    }
    const ready = await timed(t.http().get('/api/ready'));
    expect([ready.status, ready.code]).toEqual([503, 'UNAVAILABLE']);
    expect(ready.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect((await timed(t.http().get('/api/health'))).status).toBe(200);

    db.resume();
    await eventually(async () => (await t.http().get('/api/ready')).status === 200, 15_000, 200);
    await t.http().get('/api/user/me').set(alice.auth).expect(200);
    // What was refused with 503 was not written later, when the server resumed.
    const list = await t.http().get(`/api/rooms?q=${encodeURIComponent('made during')}`).expect(200);
    expect(list.body.data).toEqual([]);
    await t.http().post('/api/room/new').set(alice.auth).send({ title: 'made during the hang', categoryId: 2 }).expect(201);
    await t.http().post('/api/auth/local').send({ origin: 'hang@example.com', nickname: 'hang', pwd: 'Plum-Harbor-72' }).expect(201);
  }, 60_000);
});
