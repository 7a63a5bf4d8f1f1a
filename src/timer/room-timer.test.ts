import { idleTimer, type TimerState } from '../realtime/room-store';
import { expireTimer, pauseTimer, remainingMs, resetTimer, resumeTimer, splitDuration, startTimer, timerMessage } from './room-timer';

const running = (endsAt: number, durationMs = 60_000, version = 1): TimerState => ({ status: 'running', durationMs, endsAt, remainingMs: durationMs, version });
const paused = (left: number, durationMs = 60_000, version = 2): TimerState => ({ status: 'paused', durationMs, endsAt: null, remainingMs: left, version });

describe('room timer (pure)', () => {
  it.each([
    ['idle', idleTimer(), 60_000, 1_000, { status: 'running', endsAt: 61_000, remainingMs: 60_000, version: 1 }],
    ['paused (a new duration replaces it)', paused(5_000), 30_000, 1_000, { status: 'running', endsAt: 31_000, durationMs: 30_000, version: 3 }],
    ['a running timer that already reached zero', running(500), 10_000, 1_000, { status: 'running', endsAt: 11_000, version: 2 }],
  ])('start from %s', (_name, state, duration, now, expected) => {
    const result = startTimer(state, duration, now);
    expect(result).toEqual({ ok: true, state: expect.objectContaining(expected) });
  });

  it.each([
    ['a running timer', running(10_000), 5_000, 0],
    ['zero duration', idleTimer(), 0, 0],
    ['a negative duration', idleTimer(), -5, 0],
    ['a fractional duration', idleTimer(), 1.5, 0],
    ['more than 23:59:59', idleTimer(), 24 * 3600 * 1000, 0],
  ])('refuses to start over %s', (_name, state, duration, now) => {
    expect(startTimer(state, duration, now).ok).toBe(false);
  });

  it('two starts computed from the same state produce the same version, so only one can be swapped in', () => {
    const a = startTimer(idleTimer(), 10_000, 100);
    const b = startTimer(idleTimer(), 20_000, 100);
    expect(a.ok && b.ok && a.state.version === b.state.version).toBe(true);
  });

  it.each([
    // state, now, expected remaining
    [running(10_000), 4_000, 6_000],
    [running(10_000), 10_000, 0],
    [running(10_000), 99_000, 0],
    [paused(7_000), 99_000, 7_000],
    [idleTimer(), 5, 0],
  ])('remainingMs(%o, %d) = %d', (state, now, expected) => {
    expect(remainingMs(state, now)).toBe(expected);
  });

  it('pauses a running timer, freezing what is left, and resumes it from there', () => {
    const p = pauseTimer(running(10_000), 4_000);
    expect(p).toEqual({ ok: true, state: { status: 'paused', durationMs: 60_000, endsAt: null, remainingMs: 6_000, version: 2 } });
    if (!p.ok) return;
    const r = resumeTimer(p.state, 50_000);
    expect(r).toEqual({ ok: true, state: { status: 'running', durationMs: 60_000, endsAt: 56_000, remainingMs: 6_000, version: 3 } });
  });

  it.each([
    ['pause an idle timer', () => pauseTimer(idleTimer(), 0)],
    ['pause a paused timer', () => pauseTimer(paused(1_000), 0)],
    ['resume an idle timer', () => resumeTimer(idleTimer(), 0)],
    ['resume a running timer', () => resumeTimer(running(10_000), 0)],
  ])('refuses to %s', (_name, run) => {
    expect(run().ok).toBe(false);
  });

  it('pausing a timer that already reached zero ends it instead', () => {
    expect(pauseTimer(running(1_000), 2_000)).toEqual({ ok: true, state: expect.objectContaining({ status: 'idle', remainingMs: 0, version: 2 }) });
  });

  it('reset always goes back to idle with a new version', () => {
    for (const state of [idleTimer(3), running(10_000), paused(1_000)]) {
      expect(resetTimer(state)).toEqual({ status: 'idle', durationMs: 0, endsAt: null, remainingMs: 0, version: state.version + 1 });
    }
  });

  it.each([
    [running(10_000), 9_999, null],
    [running(10_000), 10_000, { status: 'idle', durationMs: 60_000, endsAt: null, remainingMs: 0, version: 2 }],
    [paused(1_000), 99_000, null],
    [idleTimer(), 99_000, null],
  ])('expireTimer(%o, %d)', (state, now, expected) => {
    expect(expireTimer(state, now)).toEqual(expected);
  });

  it('describes the state on the wire, with endsAt only while running', () => {
    expect(timerMessage(7, running(10_000), 4_000)).toEqual({ roomId: 7, status: 'running', durationMs: 60_000, endsAt: 10_000, remainingMs: 6_000, serverNow: 4_000, version: 1 });
    expect(timerMessage(7, paused(3_000), 4_000)).toEqual({ roomId: 7, status: 'paused', durationMs: 60_000, remainingMs: 3_000, serverNow: 4_000, version: 2 });
  });

  it.each([
    [3_723_000, { hours: 1, minutes: 2, seconds: 3 }],
    [59_000, { hours: 0, minutes: 0, seconds: 59 }],
    [86_399_000, { hours: 23, minutes: 59, seconds: 59 }],
  ])('splits %d ms into hours, minutes, seconds', (ms, expected) => {
    expect(splitDuration(ms)).toEqual(expected);
  });
});
