import { makeUser, roomWithMembers } from '../support/factories';
import { connect, emit, emitWithAck, joinRoom, waitFor, emitRawWithAck } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the shared room timer over sockets', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Bad payloads count against the timer bucket (5 at once) too; this suite checks the answers, not the limit.
    t = await startTestApp({ SOCKET_TIMER_BURST: '50' });
  });
  afterAll(async () => {
    await t.close();
  });


  it('starts for everyone, shows a late joiner the same countdown, pauses, resumes and resets', async () => {
    const { users, room } = await roomWithMembers(t, 3);
    const a = await joinRoom(t.url, users[0]!.token, room.id);
    const b = await joinRoom(t.url, users[1]!.token, room.id);

    const bState = waitFor(b.socket, 'timer state', (s) => s.status === 'running');
    const bLegacy = waitFor(b.socket, 'start_receive');
    const aState = waitFor(a.socket, 'timer state', (s) => s.status === 'running');
    const started = await emitRawWithAck(a.socket, 'start_timer', { hours: 0, minutes: 25, seconds: 0, roomId: '999' });
    expect(started).toMatchObject({ ok: true, timer: { status: 'running', durationMs: 1_500_000 } });
    const seen = await bState;
    expect(seen).toMatchObject({ roomId: room.id, status: 'running', durationMs: 1_500_000, version: 1, by: { userId: users[0]!.id, nickname: users[0]!.nickname } });
    expect(seen.endsAt! - seen.serverNow).toBe(seen.remainingMs);
    expect(await aState).toEqual(seen);
    expect(await bLegacy).toEqual({ roomId: room.id, hours: 0, minutes: 25, seconds: 0 });

    const c = await joinRoom(t.url, users[2]!.token, room.id);
    expect(c.sendUsers.timer).toMatchObject({ status: 'running', endsAt: seen.endsAt, version: 1 });
    expect(c.sendUsers.timer.by).toBeUndefined();
    expect(c.sendUsers.timer.remainingMs).toBeLessThanOrEqual(seen.remainingMs);

    const paused = waitFor(c.socket, 'timer state', (s) => s.status === 'paused');
    const stopLegacy = waitFor(a.socket, 'stop_receive');
    emit(b.socket, 'stop_time', String(room.id));
    const p = await paused;
    expect(p).toMatchObject({ status: 'paused', version: 2, by: { userId: users[1]!.id } });
    expect(p.endsAt).toBeUndefined();
    expect(p.remainingMs).toBeGreaterThan(1_400_000);
    expect(await stopLegacy).toEqual({ roomId: room.id });

    const resumed = await emitWithAck(c.socket, 'resume_timer');
    expect(resumed).toMatchObject({ ok: true, timer: { status: 'running', version: 3 } });

    const reset = waitFor(a.socket, 'timer state', (s) => s.status === 'idle');
    const resetLegacy = waitFor(b.socket, 'reset_receive');
    emit(c.socket, 'reset_time', String(room.id));
    expect(await reset).toMatchObject({ status: 'idle', remainingMs: 0, version: 4 });
    expect(await resetLegacy).toEqual({ roomId: room.id });
    for (const s of [a, b, c]) s.socket.close();
  });

  it('makes two simultaneous starts one timer: one succeeds, the other gets CONFLICT', async () => {
    const { users, room } = await roomWithMembers(t, 2);
    const a = await joinRoom(t.url, users[0]!.token, room.id);
    const b = await joinRoom(t.url, users[1]!.token, room.id);
    const replies = await Promise.all([
      emitWithAck(a.socket, 'start_timer', { hours: 0, minutes: 1, seconds: 0 }),
      emitWithAck(b.socket, 'start_timer', { hours: 0, minutes: 2, seconds: 0 }),
    ]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok)).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    a.socket.close();
    b.socket.close();
  });

  it('announces the end once: everyone gets a final idle state with nothing left', async () => {
    const { users, room } = await roomWithMembers(t, 2);
    const a = await joinRoom(t.url, users[0]!.token, room.id);
    const b = await joinRoom(t.url, users[1]!.token, room.id);
    const endA = waitFor(a.socket, 'timer state', (s) => s.status === 'idle');
    const endB = waitFor(b.socket, 'timer state', (s) => s.status === 'idle');
    expect(await emitWithAck(a.socket, 'start_timer', { hours: 0, minutes: 0, seconds: 1 })).toMatchObject({ ok: true });
    const [ea, eb] = await Promise.all([endA, endB]);
    expect(ea).toMatchObject({ roomId: room.id, status: 'idle', remainingMs: 0, version: 2 });
    expect(eb).toEqual(ea);
    expect(await emitWithAck(b.socket, 'stop_time')).toMatchObject({ ok: false, code: 'CONFLICT' });
    a.socket.close();
    b.socket.close();
  });

  it('refuses commands out of order, bad durations, and sockets outside the room', async () => {
    const { users, room } = await roomWithMembers(t, 1);
    const a = await joinRoom(t.url, users[0]!.token, room.id);
    expect(await emitWithAck(a.socket, 'stop_time')).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await emitWithAck(a.socket, 'resume_timer')).toMatchObject({ ok: false, code: 'CONFLICT' });
    for (const bad of [{ hours: 0, minutes: 0, seconds: 0 }, { hours: 24, minutes: 0, seconds: 0 }, { hours: 0, minutes: 60, seconds: 0 }, { hours: 'x' }, null, 'start']) {
      expect(await emitRawWithAck(a.socket, 'start_timer', bad)).toMatchObject({ ok: false, code: 'VALIDATION' });
    }
    const outsider = await connect(t.url, (await makeUser(t)).token);
    expect(await emitWithAck(outsider, 'start_timer', { hours: 0, minutes: 1, seconds: 0 })).toMatchObject({ ok: false, code: 'NOT_IN_ROOM' });
    const err = waitFor(outsider, 'error');
    emit(outsider, 'reset_time', String(room.id));
    expect(await err).toMatchObject({ code: 'NOT_IN_ROOM' });
    a.socket.close();
    outsider.close();
  });
});
