import bcrypt from 'bcrypt';
import { makeUser, uniqueEmail, uniqueNickname } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** Accounts: log-in guessing per account (without locking out the owner), weak passwords, admin rights. */
let t: TestApp;
afterEach(() => t?.close());

const from = (ip: string) => ({ 'X-Forwarded-For': ip });

describe('log-in guessing', () => {
  it('after LOGIN_ACCOUNT_FAILURE_LIMIT failures the guessing IP is refused for that account, but the owner from another IP still gets in', async () => {
    t = await startTestApp({ LOGIN_ACCOUNT_FAILURE_LIMIT: '3' });
    const victim = await makeUser(t);
    const other = await makeUser(t);
    for (let i = 0; i < 3; i++) {
      await t.http().post('/api/auth').set(from('203.0.113.9')).send({ origin: victim.origin.toUpperCase(), pwd: `guess-${i}` }).expect(401);
    }
    // The attacker's IP is now refused for this account, even with the right password (no oracle).
    const limited = await t.http().post('/api/auth').set(from('203.0.113.9')).send({ origin: victim.origin, pwd: victim.pwd });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ isSuccess: false, code: 'RATE_LIMITED' });
    // The owner, from an IP that has not failed, is let in: the limit is no lock-out.
    await t.http().post('/api/auth').set(from('198.51.100.7')).send({ origin: victim.origin, pwd: victim.pwd }).expect(200);
    // And the attacker's IP still reaches other accounts normally.
    await t.http().post('/api/auth').set(from('203.0.113.9')).send({ origin: other.origin, pwd: other.pwd }).expect(200);
  });

  it('a log-in for an unknown email costs the same one bcrypt compare as for a known one', async () => {
    t = await startTestApp();
    const user = await makeUser(t);
    const compare = jest.spyOn(bcrypt, 'compare');
    try {
      for (const [origin, status] of [[user.origin, 401], ['nobody-here@example.com', 401]] as const) {
        compare.mockClear();
        await t.http().post('/api/auth').send({ origin, pwd: 'not-the-password' }).expect(status);
        expect([origin, compare.mock.calls.length]).toEqual([origin, 1]);
      }
    } finally {
      compare.mockRestore();
    }
  });
});

describe('weak passwords at sign-up', () => {
  const nick = () => uniqueNickname();
  it.each([
    ['a most common password', (e: string, n: string) => ({ origin: e, nickname: n, pwd: 'password123' })],
    ['another common one, other case', (e: string, n: string) => ({ origin: e, nickname: n, pwd: 'QWERTY123' })],
    ['the email', (_e: string, n: string) => ({ origin: 'abc@ex.com', nickname: n, pwd: 'ABC@ex.com' })],
    ['the email local part, other case', (e: string, n: string) => ({ origin: e, nickname: n, pwd: e.split('@')[0]!.toUpperCase() })],
    ['the nickname', (e: string) => ({ origin: e, nickname: 'Nick1234', pwd: 'nick1234' })],
  ])('refuses %s with 400 VALIDATION and a Korean message, storing nothing', async (_name, make) => {
    t = await startTestApp();
    const body = make(`weak${Math.random().toString(36).slice(2, 8)}@ex.com`, nick());
    const res = await t.http().post('/api/auth/local').send(body);
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION']);
    expect(res.body.msg).toMatch(/[가-힣]/);
    await t.http().post('/api/auth').send({ origin: body.origin, pwd: body.pwd }).expect(401);
  });
});

describe('admin rights', () => {
  it('registering an email named in the old ADMIN_EMAILS setting does not make one admin', async () => {
    const email = uniqueEmail();
    t = await startTestApp({ ADMIN_EMAILS: email });
    const first = await makeUser(t, { origin: email });
    await t.http().get('/api/admin/users').set(first.auth).expect(403);
  });
});
