import { createManualClock } from '../../src/shared/clock';
import { enterRoom, makeRoom, makeUser } from '../support/factories';
import { collect, connect, emitWithAck, eventually, joinRoom } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('socket limits follow the user, not the connection', () => {
  const clock = createManualClock(Date.now());
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SOCKET_CHAT_RATE: '5', SOCKET_CHAT_BURST: '5', RECONNECT_GRACE_MS: String(24 * 3600_000) }, { clock });
  });
  afterAll(async () => {
    await t.close();
  });

  it('when one user reconnects and re-joins in a loop, at most the chat limit gets through per second', async () => {
    const alice = await makeUser(t);
    const bob = await makeUser(t);
    const room = await makeRoom(t, alice);
    await enterRoom(t, bob, room.id).expect(201);
    const b = await joinRoom(t.url, bob.token, room.id);
    const heard = collect(b.socket, 'receive_message');

    let accepted = 0;
    for (let second = 0; second < 2; second++) {
      for (let round = 0; round < 4; round++) {
        const a = await joinRoom(t.url, alice.token, room.id);
        for (let i = 0; i < 5; i++) if ((await emitWithAck(a.socket, 'send_message', { message: `m${second}.${round}.${i}` })).ok) accepted++;
        a.socket.close();
      }
      expect(accepted).toBe(5 * (second + 1));
      clock.advance(1_000);
    }
    await eventually(() => heard.length === 10);
    b.socket.close();
  });
});

describe('handshakes are rate-limited per user and per address', () => {
  const clock = createManualClock(Date.now());
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SOCKET_HANDSHAKE_USER_RATE: '1', SOCKET_HANDSHAKE_USER_BURST: '3', SOCKET_HANDSHAKE_IP_RATE: '1', SOCKET_HANDSHAKE_IP_BURST: '5' }, { clock });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a user’s handshakes beyond the burst with RATE_LIMITED, then one per second; then the address’s', async () => {
    const alice = await makeUser(t);
    for (let i = 0; i < 3; i++) (await connect(t.url, alice.token)).close();
    await expect(connect(t.url, alice.token)).rejects.toThrow('RATE_LIMITED');
    clock.advance(1_000);
    (await connect(t.url, alice.token)).close();
    await expect(connect(t.url, alice.token)).rejects.toThrow('RATE_LIMITED');
    // 127.0.0.1 spent its 5 + 1 refilled on those six (refused ones count): another user's is refused by the address.
    const bob = await makeUser(t);
    await expect(connect(t.url, bob.token)).rejects.toThrow('RATE_LIMITED');
    clock.advance(1_000);
    (await connect(t.url, bob.token)).close();
  });
});
