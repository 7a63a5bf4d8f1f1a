import { CLIENT_EVENTS } from '../../src/contract/events';
import { makeRoom, makeUser } from '../support/factories';
import { connect, emit, emitRaw, emitRawWithAck, emitWithAck, joinRoom, waitFor } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';

const GARBAGE: unknown[] = [undefined, null, 0, -1, 1e308, '', 'x'.repeat(10_000), true, [], [null], {}, { roomId: {} }, { message: ['a'] }, { __proto__: { admin: true } }, { constructor: { prototype: {} } }, Buffer.from([1, 2, 3])];

describe('hostile socket input', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Generous limits: this suite checks answers to garbage, the rate limits have their own tests.
    t = await startTestApp({ SOCKET_EVENT_BURST: '10000', SOCKET_TIMER_BURST: '10000', SOCKET_CHAT_BURST: '10000', SOCKET_EMOJI_BURST: '10000', SOCKET_SIGNAL_BURST: '10000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers every event with garbage, before and after joining, with an error ack and never a crash', async () => {
    const alice = await makeUser(t);
    const room = await makeRoom(t, alice);
    const outsider = await connect(t.url, (await makeUser(t)).token);
    const a = await joinRoom(t.url, alice.token, room.id);
    for (const socket of [outsider, a.socket]) {
      for (const event of CLIENT_EVENTS.filter((e) => e !== 'quit room')) {
        for (const payload of GARBAGE) {
          const reply = await emitRawWithAck(socket, event, payload);
          if (!reply.ok) expect(['VALIDATION', 'NOT_IN_ROOM', 'NOT_FOUND', 'CONFLICT']).toContain(reply.code);
        }
      }
    }
    // Still a member, still served.
    expect(await emitWithAck(a.socket, 'send_message', { message: 'still alive' })).toMatchObject({ ok: true });
    await t.http().get('/api/health').expect(200);
    outsider.close();
    a.socket.close();
  }, 60_000);

  it('sends an error event when garbage comes without an ack, and ignores save_time', async () => {
    const s = await connect(t.url, (await makeUser(t)).token);
    const err = waitFor(s, 'error');
    emitRaw(s, 'start_timer', 'lots');
    expect(await err).toEqual({ code: 'VALIDATION', msg: expect.any(String) });
    expect(await emitRawWithAck(s, 'save_time', { time: 99999, userId: 1 })).toEqual({ ok: true });
    s.close();
  });

  it('drops a connection that sends more than the maximum payload, and keeps serving others', async () => {
    const alice = await makeUser(t);
    const room = await makeRoom(t, alice);
    const a = await joinRoom(t.url, alice.token, room.id);
    const gone = waitFor(a.socket, 'disconnect');
    emit(a.socket, 'send signal', { userToSignal: 'x', signal: { sdp: 'x'.repeat(70 * 1024) } });
    await gone;
    const again = await joinRoom(t.url, alice.token, room.id);
    expect(await emitWithAck(again.socket, 'send_message', { message: 'back' })).toMatchObject({ ok: true });
    again.socket.close();
  });

  it('an event with no payload at all and extra arguments is handled', async () => {
    const alice = await makeUser(t);
    const room = await makeRoom(t, alice);
    const a = await joinRoom(t.url, alice.token, room.id);
    expect(await emitRawWithAck(a.socket, 'send_message')).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(await emitRawWithAck(a.socket, 'send_message', { message: 'hi' }, 'extra', 42)).toMatchObject({ ok: true });
    expect(await emitWithAck(a.socket, 'stop_time', String(room.id))).toMatchObject({ ok: false, code: 'CONFLICT' });
    a.socket.close();
  });
});
