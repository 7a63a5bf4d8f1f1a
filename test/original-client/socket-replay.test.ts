import { makeRoom, makeUser, type TestUser } from '../support/factories';
import { collect, connect, emitRaw, emitRawWithAck, waitFor, type TestSocket } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The original web client's socket traffic, replayed with its exact payloads (reference/original-service.md
 * §2.3, §2.4, §6.3), extra fields included, each asserting what that client reads from the answer. One
 * deliberate difference: the connection carries the token (`io(url, {auth:{token}})`), the server's identity.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** The client's `user` after log-in: the token, and the representative badge set with a string id. */
async function loggedIn(): Promise<TestUser & { badgeUrl: string }> {
  const user = await makeUser(t);
  const login = await t.http().post('/api/auth').send({ origin: user.origin, pwd: user.pwd }).expect(200);
  const token = login.body.data.token as string;
  const auth = { Authorization: `Bearer ${token}` };
  const badge = await t.http().patch(`/api/user/${user.id}/profile/masterBadge`).set(auth).send({ badgeId: '7' }).expect(200);
  return { ...user, token, auth, badgeUrl: badge.body.data.imageUrl as string };
}

/** The room page's `join room`: every field the client sends, the room id from the URL (text), and its ack. */
function joinPayload(user: TestUser & { badgeUrl: string }, roomId: number) {
  return {
    roomId: String(roomId),
    nickname: user.nickname,
    userId: user.id,
    categoryId: 3,
    date: new Date().getDate(),
    profileImg: null,
    statusMsg: '오늘도 아자아자!!',
    masterBadge: user.badgeUrl,
  };
}

/** Emits `join room` as the client does (with an ack it only expects when the room is full); resolves with `send users`. */
async function joinAsTheClient(socket: TestSocket, user: TestUser & { badgeUrl: string }, roomId: number) {
  const acks: unknown[] = [];
  const sendUsers = waitFor(socket, 'send users');
  emitRaw(socket, 'join room', joinPayload(user, roomId), (reply: unknown) => acks.push(reply));
  return { sendUsers: await sendUsers, acks };
}

/** One message that must arrive: everything the server sent `to` before it has arrived too. */
async function barrier(from: TestSocket, to: TestSocket) {
  const arrived = waitFor(to, 'receive_message', (m) => m.message === 'barrier');
  emitRaw(from, 'send_message', { message: 'barrier' });
  await arrived;
}

async function roomWithTwo() {
  const alice = await loggedIn();
  const bob = await loggedIn();
  const room = await makeRoom(t, alice, { categoryId: 3 });
  await t.http().post(`/api/room/${room.id}/user/${bob.id}`).set(bob.auth).send({}).expect(201);
  const a = await connect(t.url, alice.token);
  const aliceJoin = await joinAsTheClient(a, alice, room.id);
  const b = await connect(t.url, bob.token);
  const bobJoin = await joinAsTheClient(b, bob, room.id);
  return { alice, bob, room, a, b, aliceJoin, bobJoin };
}

describe("the original client's room, event by event", () => {
  it('join room: the ack is not called on success; send users lists the others (own nicknames, masterBadge as an absolute image URL)', async () => {
    const { alice, bob, room, a, b, aliceJoin, bobJoin } = await roomWithTwo();
    expect(aliceJoin.sendUsers.otherSockets).toEqual([]);
    expect(bobJoin.sendUsers.otherSockets).toEqual([{ socketId: a.id, nickname: alice.nickname }]);
    expect(bobJoin.sendUsers.otherUsers).toEqual([
      expect.objectContaining({ roomId: room.id, id: alice.id, nickname: alice.nickname, profileImg: null, statusMsg: expect.any(String), masterBadge: alice.badgeUrl }),
    ]);
    expect(alice.badgeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/badges\/firstCome\.svg$/);
    await barrier(b, a);
    await barrier(a, b);
    expect([...aliceJoin.acks, ...bobJoin.acks]).toEqual([]);
    a.close();
    b.close();
  });

  it('send signal / returning signal: the peer gets user joined {signal, callerId, callerNickname, userInfo}, the caller receive returned signal {signal, id}', async () => {
    const { bob, a, b } = await roomWithTwo();
    const offer = { type: 'offer', sdp: 'v=0 offer' };
    const joined = waitFor(a, 'user joined');
    // simple-peer's initiator, trickle off; `config` (ICE servers, deprecated `url`) is sent and ignored.
    emitRaw(b, 'send signal', { userToSignal: a.id, callerId: b.id, signal: offer, config: { iceServers: [{ url: 'stun:stun.l.google.com:19302' }] } });
    const heard = await joined;
    expect(heard).toMatchObject({ signal: offer, callerId: b.id, callerNickname: bob.nickname });
    expect(heard.userInfo).toMatchObject({ id: bob.id, nickname: bob.nickname, masterBadge: bob.badgeUrl, statusMsg: expect.any(String) });

    const answer = { type: 'answer', sdp: 'v=0 answer' };
    const returned = waitFor(b, 'receive returned signal');
    emitRaw(a, 'returning signal', { signal: answer, callerId: heard.callerId });
    expect(await returned).toEqual({ signal: answer, id: a.id });
    a.close();
    b.close();
  });

  it("send_message with the original's fields: the others get receive_message, marked as the sender's by id === user.id", async () => {
    const { bob, room, a, b } = await roomWithTwo();
    const received = waitFor(a, 'receive_message', (m) => m.message === '안녕하세요');
    const ownCopy = collect(b, 'receive_message');
    emitRaw(b, 'send_message', { roomId: String(room.id), sender: bob.nickname, message: '안녕하세요', time: '09:41', id: bob.id });
    const msg = await received;
    expect(msg).toMatchObject({ sender: bob.nickname, message: '안녕하세요', id: bob.id });
    expect(msg.time).toMatch(/^\d{2}:\d{2}$/);
    await barrier(a, b);
    // The sender shows its own message itself: it is not sent back.
    expect(ownCopy.map((m) => m.message)).toEqual(['barrier']);
    a.close();
    b.close();
  });

  it('send_emoji {roomId, id: socket.id, emoji}: the others get receive_emoji with the id of the tile to show it on', async () => {
    const { room, a, b } = await roomWithTwo();
    for (const emoji of ['happy', 'love', 'bad', 'sad'] as const) {
      const got = waitFor(a, 'receive_emoji', (e) => e.emoji === emoji);
      emitRaw(b, 'send_emoji', { roomId: String(room.id), id: b.id, emoji });
      expect(await got).toMatchObject({ id: b.id, emoji });
    }
    a.close();
    b.close();
  });

  it('start_timer with string values: the others get start_receive whose Number(hours|minutes|seconds) the client counts down from; reset_time with a bare roomId gives reset_receive', async () => {
    const { room, a, b } = await roomWithTwo();
    const started = waitFor(b, 'start_receive');
    emitRaw(a, 'start_timer', { roomId: String(room.id), hours: '0', minutes: '10', seconds: '5' });
    const s = await started;
    expect([Number(s.hours), Number(s.minutes), Number(s.seconds)]).toEqual([0, 10, 5]);

    const reset = waitFor(b, 'reset_receive');
    emitRaw(a, 'reset_time', String(room.id));
    await reset;
    a.close();
    b.close();
  });

  it('save_time (the client-reported minutes) is accepted and ignored: the records count what the server measured', async () => {
    const { bob, a, b } = await roomWithTwo();
    emitRaw(b, 'save_time', 5_000);
    await barrier(b, a);
    const left = waitFor(a, 'user left');
    emitRaw(b, 'quit room');
    await left;
    const records = await t.http().get(`/api/user/${bob.id}/records`).set(bob.auth).expect(200);
    const study = records.body.data.weekdaysRecord[2] as Record<string, number>;
    // Under a minute in the room: 0 whole minutes, not the 5000 the client claimed.
    expect(['mon', 'tue', 'wed', 'thur', 'fri', 'sat', 'sun'].reduce((sum, day) => sum + study[day]!, 0)).toBe(0);
    a.close();
    b.close();
  });

  it('quit room (no payload): the others get user left {socketId, userInfo} with the nickname they alert, and the REST membership is gone', async () => {
    const { bob, room, a, b } = await roomWithTwo();
    const left = waitFor(a, 'user left');
    emitRaw(b, 'quit room');
    const heard = await left;
    expect(heard.socketId).toBe(b.id);
    expect(heard.userInfo).toMatchObject({ id: bob.id, nickname: bob.nickname });
    const list = await t.http().get('/api/rooms?q=all&p=1').expect(200);
    expect(list.body.data.find((r: { id: number }) => r.id === room.id)).toMatchObject({ participantCnt: 1 });
    a.close();
    b.close();
  });

  it("the main page's cleanup quit room, from a socket that never joined, leaves the user's room", async () => {
    const { bob, room, a, b } = await roomWithTwo();
    b.close();
    const fresh = await connect(t.url, bob.token);
    const left = waitFor(a, 'user left', (m) => m.userInfo.id === bob.id);
    emitRaw(fresh, 'quit room');
    await left;
    const detail = await t.http().get('/api/rooms?q=all&p=1').expect(200);
    expect(detail.body.data.find((r: { id: number }) => r.id === room.id)).toMatchObject({ participantCnt: 1 });
    fresh.close();
    a.close();
  });

  it('a join the server refuses calls the ack (the client alerts "room full" on any ack and goes back to the main page)', async () => {
    const owner = await loggedIn();
    const stranger = await loggedIn();
    const room = await makeRoom(t, owner);
    const s = await connect(t.url, stranger.token);
    const reply = await emitRawWithAck(s, 'join room', joinPayload(stranger, room.id));
    expect(reply).toMatchObject({ ok: false, code: 'NOT_IN_ROOM' });
    s.close();
  });

  it('a connection without the token (the original io.connect(url)) is refused with connect_error UNAUTHENTICATED', async () => {
    await expect(connect(t.url)).rejects.toThrow('UNAUTHENTICATED');
  });
});
