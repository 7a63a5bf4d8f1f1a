import { randomBytes } from 'node:crypto';
import { createManualClock } from '../../src/shared/clock';
import { enterRoom, makeRoom, makeUser, roomWithMembers } from '../support/factories';
import { dropRedisKeys } from '../support/redis-keys';
import { collect, emit, emitRawWithAck, emitWithAck, joinRoom, waitFor, type TestSocket } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';

const MIN = 60_000;
const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
/** The shortest plan the contract allows: focus 5, break 1, focus 5 (and so on). */
const plan = (rounds: number) => ({ mode: 'pomodoro' as const, focusMinutes: 5, breakMinutes: 1, rounds });

describe('the pomodoro timer over sockets', () => {
  // The cycle's phases end when the test moves this clock, never by waiting.
  const clock = createManualClock(Date.now());
  let t: TestApp;
  beforeAll(async () => {
    // Bad payloads count against the timer bucket (5 at once) too; this suite checks the answers, not the limit.
    t = await startTestApp({ SOCKET_TIMER_BURST: '50' }, { clock });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Moves the clock, then waits until the expiry it caused has been swapped, announced and re-armed. */
  async function advance(ms: number) {
    clock.advance(ms);
    await t.app.realtime.settled();
  }

  it('runs focus, break, focus, then idle: each change gives every member one timer phase and a timer state', async () => {
    const { users, room } = await roomWithMembers(t, 2);
    const a = await joinRoom(t.url, users[0]!.token, room.id);
    const b = await joinRoom(t.url, users[1]!.token, room.id);
    const phases = [collect(a.socket, 'timer phase'), collect(b.socket, 'timer phase')];
    const legacyStart = collect(b.socket, 'start_receive');

    const startedOnB = waitFor(b.socket, 'timer state', (s) => s.status === 'running');
    const t0 = clock.now();
    const started = await emitRawWithAck(a.socket, 'start_timer', { mode: 'pomodoro', focusMinutes: '5', breakMinutes: 1, rounds: '2', roomId: '999' });
    const focus1 = { roomId: room.id, status: 'running', mode: 'pomodoro', phase: 'focus', round: 1, rounds: 2, durationMs: 5 * MIN, endsAt: t0 + 5 * MIN };
    expect(started).toMatchObject({ ok: true, timer: focus1 });
    expect(await startedOnB).toMatchObject(focus1);

    await advance(5 * MIN - 1);
    expect(phases).toEqual([[], []]);

    const toBreak = [waitFor(a.socket, 'timer state', (s) => s.phase === 'break'), waitFor(b.socket, 'timer state', (s) => s.phase === 'break')];
    const breakPhase = waitFor(b.socket, 'timer phase');
    await advance(1);
    const breakState = { status: 'running', mode: 'pomodoro', phase: 'break', round: 1, rounds: 2, durationMs: MIN, endsAt: t0 + 6 * MIN, version: 2 };
    for (const s of await Promise.all(toBreak)) expect(s).toMatchObject(breakState);
    expect(await breakPhase).toEqual({ roomId: room.id, phase: 'break', round: 1, rounds: 2 });

    const focus2Phase = waitFor(a.socket, 'timer phase', (p) => p.phase === 'focus');
    const focus2State = waitFor(b.socket, 'timer state', (s) => s.phase === 'focus');
    await advance(MIN);
    expect(await focus2Phase).toEqual({ roomId: room.id, phase: 'focus', round: 2, rounds: 2 });
    expect(await focus2State).toMatchObject({ status: 'running', phase: 'focus', round: 2, endsAt: t0 + 11 * MIN, version: 3 });

    const ends = [waitFor(a.socket, 'timer state', (s) => s.status === 'idle'), waitFor(b.socket, 'timer state', (s) => s.status === 'idle')];
    await advance(5 * MIN);
    for (const s of await Promise.all(ends)) expect(s).toEqual({ roomId: room.id, status: 'idle', mode: 'countdown', durationMs: 5 * MIN, remainingMs: 0, serverNow: t0 + 11 * MIN, version: 4 });

    // A follow-up that must arrive, so anything sent before it has arrived too.
    const barrier = waitFor(a.socket, 'receive_message');
    emit(b.socket, 'send_message', { message: 'barrier' });
    await barrier;
    const expected = [{ roomId: room.id, phase: 'break', round: 1, rounds: 2 }, { roomId: room.id, phase: 'focus', round: 2, rounds: 2 }];
    expect(phases).toEqual([expected, expected]);
    expect(legacyStart).toEqual([]);
    a.socket.close();
    b.socket.close();
  });

  it('a pause near the end of focus freezes that phase however long it lasts; after resume the phase ends on time', async () => {
    const { users, room } = await roomWithMembers(t, 2);
    const a = await joinRoom(t.url, users[0]!.token, room.id);
    const b = await joinRoom(t.url, users[1]!.token, room.id);
    const phases = collect(b.socket, 'timer phase');
    expect(await emitWithAck(a.socket, 'start_timer', plan(2))).toMatchObject({ ok: true });

    await advance(5 * MIN - 1_000);
    const legacyStop = waitFor(a.socket, 'stop_receive');
    const paused = await emitWithAck(b.socket, 'stop_time');
    expect(paused).toMatchObject({ ok: true, timer: { status: 'paused', mode: 'pomodoro', phase: 'focus', round: 1, remainingMs: 1_000 } });
    expect(await legacyStop).toEqual({ roomId: room.id });

    await advance(60 * MIN);
    // Entered over REST only now: a membership left without a connection for that long is swept.
    const late = await makeUser(t);
    await enterRoom(t, late, room.id).expect(201);
    const c = await joinRoom(t.url, late.token, room.id);
    expect(c.sendUsers.timer).toMatchObject({ status: 'paused', phase: 'focus', round: 1, remainingMs: 1_000 });

    const resumedAt = clock.now();
    expect(await emitWithAck(a.socket, 'resume_timer')).toMatchObject({ ok: true, timer: { status: 'running', phase: 'focus', round: 1, endsAt: resumedAt + 1_000 } });
    await advance(999);
    expect(phases).toEqual([]);

    const breakPhase = waitFor(c.socket, 'timer phase');
    const breakState = waitFor(a.socket, 'timer state', (s) => s.phase === 'break');
    await advance(1);
    expect(await breakPhase).toEqual({ roomId: room.id, phase: 'break', round: 1, rounds: 2 });
    expect(await breakState).toMatchObject({ status: 'running', endsAt: resumedAt + 1_000 + MIN });
    for (const s of [a, b, c]) s.socket.close();
  });

  it('a late joiner sees the current phase in send users; reset ends the whole cycle', async () => {
    const { users, room } = await roomWithMembers(t, 1);
    const a = await joinRoom(t.url, users[0]!.token, room.id);
    const t0 = clock.now();
    expect(await emitWithAck(a.socket, 'start_timer', plan(3))).toMatchObject({ ok: true });
    const inBreak = waitFor(a.socket, 'timer phase');
    await advance(5 * MIN + 20_000);
    await inBreak;

    const late = await makeUser(t);
    await enterRoom(t, late, room.id).expect(201);
    const b = await joinRoom(t.url, late.token, room.id);
    expect(b.sendUsers.timer).toMatchObject({ status: 'running', mode: 'pomodoro', phase: 'break', round: 1, rounds: 3, durationMs: MIN, endsAt: t0 + 6 * MIN, remainingMs: 40_000 });

    const legacyReset = waitFor(b.socket, 'reset_receive');
    const idle = waitFor(b.socket, 'timer state', (s) => s.status === 'idle');
    expect(await emitWithAck(a.socket, 'reset_time')).toMatchObject({ ok: true, timer: { status: 'idle', mode: 'countdown' } });
    expect(await idle).not.toHaveProperty('phase');
    expect(await legacyReset).toEqual({ roomId: room.id });
    // The cycle's countdown is gone with it: nothing more happens when its break would have ended.
    const phases = collect(b.socket, 'timer phase');
    await advance(MIN);
    const barrier = waitFor(b.socket, 'receive_message');
    emit(a.socket, 'send_message', { message: 'barrier' });
    await barrier;
    expect(phases).toEqual([]);
    a.socket.close();
    b.socket.close();
  });

  it('refuses out-of-range and mixed payloads with VALIDATION, and a cycle over a running timer with CONFLICT', async () => {
    const { users, room } = await roomWithMembers(t, 1);
    const a = await joinRoom(t.url, users[0]!.token, room.id);
    const ok = plan(4);
    for (const bad of [
      { ...ok, focusMinutes: 4 },
      { ...ok, focusMinutes: 91 },
      { ...ok, breakMinutes: 0 },
      { ...ok, breakMinutes: '31' },
      { ...ok, rounds: 0 },
      { ...ok, rounds: 13 },
      { ...ok, rounds: 2.5 },
      { ...ok, focusMinutes: 'x' },
      { ...ok, breakMinutes: '' },
      { mode: 'pomodoro', focusMinutes: 25, breakMinutes: 5 },
      { ...ok, minutes: 5 },
      { hours: 0, minutes: 25, rounds: 4 },
      { mode: 'countdown', minutes: 1, focusMinutes: 25 },
      { mode: 'stopwatch', minutes: 1 },
    ]) {
      expect([bad, await emitRawWithAck(a.socket, 'start_timer', bad)]).toEqual([bad, expect.objectContaining({ ok: false, code: 'VALIDATION' })]);
    }
    expect(await emitWithAck(a.socket, 'start_timer', { mode: 'countdown', hours: 0, minutes: 1, seconds: 0 })).toMatchObject({ ok: true, timer: { mode: 'countdown', version: 1 } });
    expect(await emitWithAck(a.socket, 'start_timer', ok)).toMatchObject({ ok: false, code: 'CONFLICT' });
    a.socket.close();
  });
});

/** Two server instances on one database and one Redis, each holding members of the same room. */
describe('the pomodoro timer with two processes on Redis', () => {
  const prefix = `wm-test-${randomBytes(4).toString('hex')}:`;
  const clock = createManualClock(Date.now());
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    one = await startTestApp({ REDIS_URL, REDIS_PREFIX: prefix }, { clock });
    two = await startTestApp({ REDIS_URL, REDIS_PREFIX: prefix }, { shareDatabaseWith: one, clock });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await dropRedisKeys(REDIS_URL, prefix);
  });

  /** Both processes' scheduled work done, then one message from each socket to all, so what they sent has arrived. */
  async function advanceEverywhere(ms: number, sockets: TestSocket[]) {
    clock.advance(ms);
    await Promise.all([one.app.realtime.settled(), two.app.realtime.settled()]);
    for (const from of sockets) {
      const arrived = sockets.filter((s) => s !== from).map((to) => waitFor(to, 'receive_message', (m) => m.message === `barrier ${from.id}`));
      emit(from, 'send_message', { message: `barrier ${from.id}` });
      await Promise.all(arrived);
    }
  }

  it('every member, on either process, gets exactly one timer phase per change, also when the countdown moved between processes', async () => {
    const [alice, bob, carol] = [await makeUser(one), await makeUser(two), await makeUser(two)];
    const room = await makeRoom(one, alice);
    await enterRoom(two, bob, room.id).expect(201);
    await enterRoom(two, carol, room.id).expect(201);
    const a = (await joinRoom(one.url, alice.token, room.id)).socket;
    const b = (await joinRoom(two.url, bob.token, room.id)).socket;
    const c = (await joinRoom(two.url, carol.token, room.id)).socket;
    const sockets = [a, b, c];
    const phases = sockets.map((s) => collect(s, 'timer phase'));
    const ends = sockets.map((s) => collect(s, 'timer state')).map((seen) => () => seen.filter((m) => m.status === 'idle'));

    // Started on one, paused and resumed on two: one's countdown is stale and fires with two's, at the same time.
    expect(await emitWithAck(a, 'start_timer', plan(2))).toMatchObject({ ok: true, timer: { version: 1 } });
    expect(await emitWithAck(b, 'stop_time')).toMatchObject({ ok: true, timer: { version: 2 } });
    expect(await emitWithAck(c, 'resume_timer')).toMatchObject({ ok: true, timer: { version: 3 } });

    await advanceEverywhere(5 * MIN, sockets);
    const toBreak = { roomId: room.id, phase: 'break', round: 1, rounds: 2 };
    expect(phases).toEqual([[toBreak], [toBreak], [toBreak]]);

    await advanceEverywhere(MIN, sockets);
    const toFocus = { roomId: room.id, phase: 'focus', round: 2, rounds: 2 };
    expect(phases).toEqual([[toBreak, toFocus], [toBreak, toFocus], [toBreak, toFocus]]);

    await advanceEverywhere(5 * MIN, sockets);
    expect(phases.map((p) => p.length)).toEqual([2, 2, 2]);
    for (const idle of ends) expect(idle()).toEqual([expect.objectContaining({ status: 'idle', mode: 'countdown', version: 6 })]);
    for (const s of sockets) s.close();
  });
});
