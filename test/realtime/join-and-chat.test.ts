import { enterRoom, makeRoom, makeUser } from '../support/factories';
import { collect, connect, emit, emitWithAck, eventually, joinRoom, waitFor, emitRawWithAck, emitRaw } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('socket handshake, join room and chat', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a connection without a valid token with UNAUTHENTICATED', async () => {
    await expect(connect(t.url)).rejects.toThrow('UNAUTHENTICATED');
    await expect(connect(t.url, 'not-a-jwt')).rejects.toThrow('UNAUTHENTICATED');
    const user = await makeUser(t);
    await t.http().delete('/api/auth/local').set(user.auth).expect(200);
    await expect(connect(t.url, user.token)).rejects.toThrow('UNAUTHENTICATED');
  });

  it('sends the joiner the other members, the timer, the chat history and ICE servers; others chat with server stamps', async () => {
    const alice = await makeUser(t);
    const bob = await makeUser(t);
    const room = await makeRoom(t, alice);
    await enterRoom(t, bob, room.id).expect(201);

    const a = await joinRoom(t.url, alice.token, room.id);
    expect(a.sendUsers.otherUsers).toEqual([]);
    expect(a.sendUsers.timer).toMatchObject({ roomId: room.id, status: 'idle', remainingMs: 0 });
    expect(a.sendUsers.iceServers.length).toBeGreaterThan(0);

    const said = await emitRawWithAck(a.socket, 'send_message', { message: 'hello', userId: 999, nickname: 'forged' });
    expect(said).toMatchObject({ ok: true });

    const b = await joinRoom(t.url, bob.token, String(room.id));
    expect(b.sendUsers.otherSockets).toEqual([{ socketId: a.socket.id, nickname: alice.nickname }]);
    expect(b.sendUsers.otherUsers).toEqual([
      expect.objectContaining({ roomId: room.id, id: alice.id, nickname: alice.nickname, socketId: a.socket.id, audio: true, video: true }),
    ]);
    expect(b.sendUsers.chatHistory).toEqual([expect.objectContaining({ sender: alice.nickname, message: 'hello', id: alice.id })]);

    const received = waitFor(a.socket, 'receive_message');
    const bobSeen = collect(b.socket, 'receive_message');
    emitRaw(b.socket, 'send_message', { message: '안녕', nickname: alice.nickname });
    const msg = await received;
    expect(msg).toMatchObject({ roomId: room.id, sender: bob.nickname, message: '안녕', id: bob.id });
    expect(msg.time).toMatch(/^\d{2}:\d{2}$/);
    expect(Math.abs(msg.sentAt - Date.now())).toBeLessThan(5_000);
    expect(bobSeen).toEqual([]);

    const emoji = waitFor(b.socket, 'receive_emoji');
    expect(await emitRawWithAck(a.socket, 'send_emoji', { emoji: 'love', id: 'forged' })).toMatchObject({ ok: true });
    expect(await emoji).toEqual({ roomId: room.id, id: a.socket.id, emoji: 'love' });

    a.socket.close();
    b.socket.close();
  });

  it('refuses join room to a non-member, for an unknown room, and for a bad payload, with an ack', async () => {
    const alice = await makeUser(t);
    const mallory = await makeUser(t);
    const room = await makeRoom(t, alice);
    const s = await connect(t.url, mallory.token);
    expect(await emitWithAck(s, 'join room', { roomId: room.id })).toMatchObject({ ok: false, code: 'NOT_IN_ROOM' });
    expect(await emitWithAck(s, 'join room', { roomId: 987654 })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    for (const bad of [undefined, null, 42, 'x', { roomId: 'abc' }, { roomId: -1 }, { roomId: 1.5 }, [1, 2]]) {
      expect(await emitRawWithAck(s, 'join room', bad)).toMatchObject({ ok: false, code: 'VALIDATION' });
    }
    s.close();
  });

  it('keeps chat to members: a socket that has not joined gets an error, and bad messages are refused', async () => {
    const alice = await makeUser(t);
    const room = await makeRoom(t, alice);
    const outsider = await connect(t.url, (await makeUser(t)).token);
    const err = waitFor(outsider, 'error');
    emitRaw(outsider, 'send_message', { message: 'spam', roomId: room.id });
    expect(await err).toMatchObject({ code: 'NOT_IN_ROOM' });

    const a = await joinRoom(t.url, alice.token, room.id);
    for (const bad of [{}, { message: '' }, { message: '   ' }, { message: 'x'.repeat(501) }, { message: 5 }]) {
      expect(await emitRawWithAck(a.socket, 'send_message', bad)).toMatchObject({ ok: false, code: 'VALIDATION' });
    }
    expect(await emitRawWithAck(a.socket, 'send_emoji', { emoji: 'angry' })).toMatchObject({ ok: false, code: 'VALIDATION' });
    outsider.close();
    a.socket.close();
  });

  it('keeps the last 50 messages for late joiners', async () => {
    const alice = await makeUser(t);
    const bob = await makeUser(t);
    const room = await makeRoom(t, alice);
    await enterRoom(t, bob, room.id).expect(201);
    const a = await joinRoom(t.url, alice.token, room.id);
    for (let i = 0; i < 55; i++) {
      // Stay under the chat bucket (burst 10, 5/s) by waiting for a token when refused.
      await eventually(async () => (await emitWithAck(a.socket, 'send_message', { message: `m${i}` })).ok, 5_000, 50);
    }
    const b = await joinRoom(t.url, bob.token, room.id);
    expect(b.sendUsers.chatHistory).toHaveLength(50);
    expect(b.sendUsers.chatHistory[0]!.message).toBe('m5');
    expect(b.sendUsers.chatHistory[49]!.message).toBe('m54');
    a.socket.close();
    b.socket.close();
  }, 30_000);

  it('rate-limits chat per socket with RATE_LIMITED', async () => {
    const alice = await makeUser(t);
    const room = await makeRoom(t, alice);
    const a = await joinRoom(t.url, alice.token, room.id);
    const replies = await Promise.all(Array.from({ length: 15 }, (_, i) => emitWithAck(a.socket, 'send_message', { message: `flood ${i}` })));
    expect(replies.filter((r) => r.ok)).toHaveLength(10);
    expect(replies.filter((r) => !r.ok)).toEqual(Array(5).fill(expect.objectContaining({ code: 'RATE_LIMITED' })));
    a.socket.close();
  });
});
