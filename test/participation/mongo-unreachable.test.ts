import net from 'node:net';
import { makeUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** A port nothing listens on: MongoDB "configured but down". */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('when MONGODB_URL is set but MongoDB is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MONGODB_URL: `mongodb://127.0.0.1:${await closedPort()}/with-me` });
  });
  afterAll(() => t.close(), 60_000);

  it('the app still starts; /api/ready reports mongo down with 503 while SQL is ok', async () => {
    const res = await t.http().get('/api/ready').expect(503);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'UNAVAILABLE', data: { checks: { sql: 'ok', mongo: 'down' } } });
  }, 30_000);

  it('reading records answers 503 UNAVAILABLE, never 500, and presence events do not throw', async () => {
    const user = await makeUser(t);
    expect(() => t.app.presenceEvents.emit('presence-started', { userId: user.id, roomId: 1, categoryId: 1, at: Date.now() })).not.toThrow();
    const res = await t.http().get('/api/user/me/records').set(user.auth).expect(503);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'UNAVAILABLE' });
    expect(t.app.participationRecorder.pendingWrites()).toBeGreaterThan(0);
  }, 30_000);
});
