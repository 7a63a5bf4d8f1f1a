import { io } from 'socket.io-client';
import { loadConfig } from '../../src/config';
import { makeUser } from '../support/factories';
import { pngHeader } from '../support/images';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';

/** What the server trusts: never the Host header, never an unlisted browser origin, metrics only with a token. */
let t: TestApp;
afterEach(() => t?.close());

describe('this server is PUBLIC_URL, never the Host header', () => {
  it('production without PUBLIC_URL is a configuration error, like JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, PUBLIC_URL: 'https://with-me.example' })).not.toThrow();
  });

  it('an issued file on a plain-http host named only by the Host header is refused as a profile image', async () => {
    t = await startTestApp();
    const user = await makeUser(t);
    const issued = (await t.http().post('/api/upload/image').set(user.auth).attach('image', pngHeader(8, 8), 'a.png').expect(200)).body as string;
    const spoofed = `http://evil.example${new URL(issued).pathname}`;
    const res = await t.http().patch('/api/user/me/profile/img').set(user.auth).set('Host', 'evil.example').send({ profileImg: spoofed });
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION']);
    // Nor does an upload answer a URL on the Host header's host.
    const again = await t.http().post('/api/upload/image').set(user.auth).set('Host', 'evil.example').attach('image', pngHeader(8, 8), 'b.png').expect(200);
    expect(new URL(again.body as string).host).not.toBe('evil.example');
  });
});

describe('GET /api/metrics', () => {
  it('answers 404 when METRICS_TOKEN is unset', async () => {
    t = await startTestApp();
    await t.http().get('/api/metrics').expect(404);
  });

  it('with METRICS_TOKEN, answers only a request bearing it', async () => {
    t = await startTestApp({ METRICS_TOKEN: 'metrics-token-0123456789' });
    await t.http().get('/api/metrics').expect(401);
    await t.http().get('/api/metrics').set('Authorization', 'Bearer wrong-token-0123456789').expect(401);
    const res = await t.http().get('/api/metrics').set('Authorization', 'Bearer metrics-token-0123456789').expect(200);
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });
});

describe('socket handshake origin', () => {
  /** Resolves 'connected' or the refusal's message. */
  function handshake(url: string, token: string, origin?: string): Promise<string> {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, ...(origin ? { extraHeaders: { origin } } : {}) });
    return new Promise((resolve) => {
      socket.once('connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.once('connect_error', (err) => {
        socket.close();
        resolve(`refused: ${err.message}`);
      });
    });
  }

  it('in production, a handshake from an origin not in CORS_ORIGINS is refused; a listed or absent origin connects', async () => {
    t = await startTestApp({ NODE_ENV: 'production', CORS_ORIGINS: 'https://good.example', PUBLIC_URL: 'https://good.example' });
    const user = await makeUser(t);
    expect(await handshake(t.url, user.token, 'https://evil.example')).toMatch(/^refused/);
    expect(await handshake(t.url, user.token, 'https://good.example')).toBe('connected');
    expect(await handshake(t.url, user.token)).toBe('connected');
  });
});
