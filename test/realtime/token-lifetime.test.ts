import { createTokens } from '../../src/auth/tokens';
import { createManualClock } from '../../src/shared/clock';
import { twoMembersJoined } from '../support/factories';
import { collect, emitRawWithAck, emitWithAck, eventually, waitFor } from '../support/socket-client';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';

describe('a live socket follows its token: log-out, expiry and refresh', () => {
  const clock = createManualClock(Date.now());
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ JWT_EXPIRES_IN: '3600', RECONNECT_GRACE_MS: String(24 * 3600_000) }, { clock });
  });
  afterAll(async () => {
    await t.close();
  });
  // Tokens expire by the wall clock: each test starts the manual clock there again.
  beforeEach(() => clock.set(Date.now()));

  it('when the user logs out, the socket using that token is told UNAUTHENTICATED and disconnected', async () => {
    const { alice, a, b } = await twoMembersJoined(t);
    const told = waitFor(a.socket, 'error');
    const gone = waitFor(a.socket, 'disconnect');
    await t.http().delete('/api/auth/local').set(alice.auth).expect(200);
    expect(await told).toMatchObject({ code: 'UNAUTHENTICATED', msg: expect.any(String) });
    expect(await gone).toBe('io server disconnect');
    b.socket.close();
  });

  it('when the token expires, the socket is told UNAUTHENTICATED and disconnected at expiry, not before', async () => {
    const { a, b } = await twoMembersJoined(t);
    const errors = collect(a.socket, 'error');
    clock.advance(3_500_000);
    expect(await emitWithAck(a.socket, 'send_message', { message: 'still here' })).toMatchObject({ ok: true });
    expect(errors).toEqual([]);
    const gone = waitFor(a.socket, 'disconnect');
    clock.advance(200_000);
    expect(await gone).toBe('io server disconnect');
    expect(errors).toEqual([expect.objectContaining({ code: 'UNAUTHENTICATED' })]);
    b.socket.close();
  });

  it('a fresh token handed with refresh token keeps the seat past the old expiry; another user’s token is refused', async () => {
    const { alice, bob, a, b } = await twoMembersJoined(t);
    clock.advance(1_000_000);
    // Issued now but valid twice as long as the handshake's, so only the refresh keeps the seat past 3600 s.
    const longer = createTokens({ secret: TEST_JWT_SECRET, expiresIn: '7200' });
    const fresh = longer.issueAccess(alice.id);
    expect(await emitWithAck(b.socket, 'refresh token', { token: longer.issueAccess(bob.id) })).toMatchObject({ ok: true });
    expect(await emitWithAck(a.socket, 'refresh token', { token: fresh })).toMatchObject({ ok: true, expiresAt: expect.any(Number) });
    expect(await emitWithAck(a.socket, 'refresh token', { token: bob.token })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await emitWithAck(a.socket, 'refresh token', { token: 'nope' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    for (const bad of [undefined, null, 1, {}, { token: 5 }, { token: 'x'.repeat(5000) }]) {
      expect(await emitRawWithAck(a.socket, 'refresh token', bad)).toMatchObject({ ok: false, code: 'VALIDATION' });
    }
    clock.advance(3_000_000);
    const heard = waitFor(b.socket, 'receive_message');
    expect(await emitWithAck(a.socket, 'send_message', { message: 'refreshed' })).toMatchObject({ ok: true });
    expect(await heard).toMatchObject({ message: 'refreshed' });
    // The old token's log-out no longer reaches the socket; the new one's does.
    await t.http().delete('/api/auth/local').set(alice.auth).expect(200);
    expect(await emitWithAck(a.socket, 'send_message', { message: 'after old log-out' })).toMatchObject({ ok: true });
    const gone = waitFor(a.socket, 'disconnect');
    await t.http().delete('/api/auth/local').set({ Authorization: `Bearer ${fresh}` }).expect(200);
    await gone;
    await eventually(() => a.socket.disconnected);
    b.socket.close();
  });
});
