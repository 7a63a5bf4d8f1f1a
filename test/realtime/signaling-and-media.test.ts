import { twoMembersJoined } from '../support/factories';
import { collect, emitWithAck, joinRoom, waitFor, emitRawWithAck } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';

const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
const answer = { type: 'answer', sdp: 'v=0\r\n' };

describe('signaling relay and media state', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TURN_SECRET: 'turn-secret', TURN_URLS: 'turn:turn.example.com:3478', ICE_SERVERS: '[{"urls":"stun:stun.example.com"}]' });
  });
  afterAll(async () => {
    await t.close();
  });


  it('relays an offer and its answer between members, with the caller taken from the socket', async () => {
    const { bob, room, a, b } = await twoMembersJoined(t);
    const joined = waitFor(a.socket, 'user joined');
    expect(await emitRawWithAck(b.socket, 'send signal', { userToSignal: a.socket.id, callerId: 'forged', signal: offer })).toMatchObject({ ok: true });
    const j = await joined;
    expect(j).toEqual({
      signal: offer,
      callerId: b.socket.id,
      callerNickname: bob.nickname,
      userInfo: expect.objectContaining({ roomId: room.id, id: bob.id, nickname: bob.nickname, socketId: b.socket.id }),
    });
    const returned = waitFor(b.socket, 'receive returned signal');
    expect(await emitWithAck(a.socket, 'returning signal', { callerId: j.callerId, signal: answer })).toMatchObject({ ok: true });
    expect(await returned).toEqual({ signal: answer, id: a.socket.id });
    a.socket.close();
    b.socket.close();
  });

  it('relays trickled ICE candidates between members only, with the sender taken from the socket', async () => {
    const one = await twoMembersJoined(t);
    const other = await twoMembersJoined(t);
    const leaked = collect(other.a.socket, 'ice candidate');
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 54321 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    const got = waitFor(one.a.socket, 'ice candidate');
    expect(await emitRawWithAck(one.b.socket, 'ice candidate', { to: one.a.socket.id, from: 'forged', candidate })).toMatchObject({ ok: true });
    expect(await got).toEqual({ from: one.b.socket.id, candidate });
    expect(await emitWithAck(one.a.socket, 'ice candidate', { to: other.a.socket.id!, candidate })).toMatchObject({ ok: false, code: 'NOT_IN_ROOM' });
    for (const bad of [{}, { to: one.b.socket.id }, { to: one.b.socket.id, candidate: 'text' }]) {
      expect(await emitRawWithAck(one.a.socket, 'ice candidate', bad)).toMatchObject({ ok: false, code: 'VALIDATION' });
    }
    expect(leaked).toEqual([]);
    for (const s of [one.a, one.b, other.a, other.b]) s.socket.close();
  });

  it('refuses a target in another room (NOT_IN_ROOM), an unknown one (NOT_FOUND) and bad payloads', async () => {
    const one = await twoMembersJoined(t);
    const other = await twoMembersJoined(t);
    const leaked = collect(other.a.socket, 'user joined');
    expect(await emitWithAck(one.a.socket, 'send signal', { userToSignal: other.a.socket.id!, signal: offer })).toMatchObject({ ok: false, code: 'NOT_IN_ROOM' });
    expect(await emitWithAck(one.a.socket, 'returning signal', { callerId: other.b.socket.id!, signal: answer })).toMatchObject({ ok: false, code: 'NOT_IN_ROOM' });
    expect(await emitWithAck(one.a.socket, 'send signal', { userToSignal: 'no-such-socket', signal: offer })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await emitWithAck(one.a.socket, 'send signal', { userToSignal: one.a.socket.id!, signal: offer })).toMatchObject({ ok: false, code: 'NOT_IN_ROOM' });
    for (const bad of [{}, { userToSignal: one.b.socket.id }, { userToSignal: one.b.socket.id, signal: 'sdp' }, { userToSignal: 5, signal: offer }]) {
      expect(await emitRawWithAck(one.a.socket, 'send signal', bad)).toMatchObject({ ok: false, code: 'VALIDATION' });
    }
    expect(leaked).toEqual([]);
    for (const s of [one.a, one.b, other.a, other.b]) s.socket.close();
  });

  it('rate-limits signaling per socket', async () => {
    const { a, b } = await twoMembersJoined(t);
    const replies = await Promise.all(Array.from({ length: 40 }, () => emitWithAck(b.socket, 'send signal', { userToSignal: a.socket.id!, signal: offer })));
    expect(replies.filter((r) => r.ok)).toHaveLength(30);
    expect(replies.find((r) => !r.ok)).toMatchObject({ code: 'RATE_LIMITED' });
    a.socket.close();
    b.socket.close();
  });

  it('broadcasts media state to everyone in the room and shows it to late joiners', async () => {
    const { alice, bob, room, a, b } = await twoMembersJoined(t);
    const toA = waitFor(a.socket, 'media state');
    const toB = waitFor(b.socket, 'media state');
    expect(await emitWithAck(a.socket, 'media state', { audio: false, video: true })).toMatchObject({ ok: true });
    const expected = { socketId: a.socket.id, userId: alice.id, audio: false, video: true };
    expect(await toA).toEqual(expected);
    expect(await toB).toEqual(expected);
    expect(await emitRawWithAck(a.socket, 'media state', { audio: 'no', video: true })).toMatchObject({ ok: false, code: 'VALIDATION' });

    b.socket.close();
    const again = await joinRoom(t.url, bob.token, room.id);
    expect(again.sendUsers.otherUsers).toEqual([expect.objectContaining({ id: alice.id, audio: false, video: true })]);
    a.socket.close();
    again.socket.close();
  });

  it('hands out time-limited TURN credentials in the coturn REST scheme', async () => {
    const { alice, a, b } = await twoMembersJoined(t);
    const servers = (await joinRoom(t.url, alice.token, a.sendUsers.otherUsers[0]?.roomId ?? b.sendUsers.otherUsers[0]!.roomId)).sendUsers.iceServers as { urls: unknown; username?: string; credential?: string }[];
    expect(servers[0]).toEqual({ urls: 'stun:stun.example.com' });
    const turn = servers[1]!;
    expect(turn.urls).toEqual(['turn:turn.example.com:3478']);
    const [expiry, userId] = turn.username!.split(':');
    expect(Number(userId)).toBe(alice.id);
    expect(Number(expiry)).toBeGreaterThan(Date.now() / 1000);
    const { createHmac } = await import('node:crypto');
    expect(turn.credential).toBe(createHmac('sha1', 'turn-secret').update(turn.username!).digest('base64'));
    a.socket.close();
    b.socket.close();
  });
});
