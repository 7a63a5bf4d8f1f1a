import { idleTimer, type TimerState } from '../realtime/room-store';
import { expireTimer, pauseTimer, phaseChange, remainingMs, resetTimer, resumeTimer, splitDuration, startPomodoro, startTimer, timerMessage } from './room-timer';

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
    expect(timerMessage(7, running(10_000), 4_000)).toEqual({ roomId: 7, status: 'running', mode: 'countdown', durationMs: 60_000, endsAt: 10_000, remainingMs: 6_000, serverNow: 4_000, version: 1 });
    expect(timerMessage(7, paused(3_000), 4_000)).toEqual({ roomId: 7, status: 'paused', mode: 'countdown', durationMs: 60_000, remainingMs: 3_000, serverNow: 4_000, version: 2 });
  });

  it.each([
    [3_723_000, { hours: 1, minutes: 2, seconds: 3 }],
    [59_000, { hours: 0, minutes: 0, seconds: 59 }],
    [86_399_000, { hours: 23, minutes: 59, seconds: 59 }],
  ])('splits %d ms into hours, minutes, seconds', (ms, expected) => {
    expect(splitDuration(ms)).toEqual(expected);
  });
});

describe('pomodoro cycle (pure)', () => {
  const MIN = 60_000;
  const plan = { focusMinutes: 25, breakMinutes: 5, rounds: 2 };
  const started = (now = 0, state: TimerState = idleTimer()): TimerState => {
    const r = startPomodoro(state, plan, now);
    if (!r.ok) throw new Error(r.reason);
    return r.state;
  };
  const expired = (state: TimerState, now: number): TimerState => {
    const next = expireTimer(state, now);
    if (!next) throw new Error(`still running at ${now}`);
    return next;
  };
  const where = (s: TimerState) => ({ status: s.status, phase: s.pomodoro?.phase, round: s.pomodoro?.round, endsAt: s.endsAt });

  it('starts at the first focus, ending focusMinutes from now', () => {
    expect(started(1_000)).toEqual({
      status: 'running',
      durationMs: 25 * MIN,
      endsAt: 1_000 + 25 * MIN,
      remainingMs: 25 * MIN,
      version: 1,
      pomodoro: { focusMs: 25 * MIN, breakMs: 5 * MIN, rounds: 2, round: 1, phase: 'focus' },
    });
  });

  it('goes focus, break, focus, then idle with no break after the last focus; each phase starts when the last one ended', () => {
    const f1 = started();
    expect(expireTimer(f1, 25 * MIN - 1)).toBeNull();
    const b1 = expired(f1, 25 * MIN);
    expect(where(b1)).toEqual({ status: 'running', phase: 'break', round: 1, endsAt: 30 * MIN });
    expect(b1).toMatchObject({ durationMs: 5 * MIN, version: 2 });
    // The expiry ran late: the next focus still ends 25 minutes after the break did.
    const f2 = expired(b1, 30 * MIN + 700);
    expect(where(f2)).toEqual({ status: 'running', phase: 'focus', round: 2, endsAt: 55 * MIN });
    const end = expired(f2, 55 * MIN);
    expect(end).toEqual({ status: 'idle', durationMs: 25 * MIN, endsAt: null, remainingMs: 0, version: 4 });
    expect(timerMessage(3, end, 55 * MIN).mode).toBe('countdown');
  });

  it('an expiry that comes after whole phases went by lands in the phase of now, on the original schedule', () => {
    expect(where(expired(started(), 31 * MIN))).toEqual({ status: 'running', phase: 'focus', round: 2, endsAt: 55 * MIN });
    expect(expired(started(), 99 * MIN).status).toBe('idle');
  });

  it('pausing freezes the phase, resuming continues it, reset ends the whole cycle', () => {
    const p = pauseTimer(started(), 24 * MIN);
    expect(p).toEqual({ ok: true, state: expect.objectContaining({ status: 'paused', endsAt: null, remainingMs: MIN, pomodoro: expect.objectContaining({ phase: 'focus', round: 1 }) }) });
    if (!p.ok) return;
    expect(expireTimer(p.state, 999 * MIN)).toBeNull();
    const r = resumeTimer(p.state, 500 * MIN);
    expect(r.ok && where(r.state)).toEqual({ status: 'running', phase: 'focus', round: 1, endsAt: 501 * MIN });
    if (!r.ok) return;
    expect(where(expired(r.state, 501 * MIN))).toEqual({ status: 'running', phase: 'break', round: 1, endsAt: 506 * MIN });
    expect(resetTimer(r.state)).toEqual(idleTimer(r.state.version + 1));
  });

  it('pausing a phase that already reached zero pauses the next phase instead (or ends the cycle)', () => {
    const p = pauseTimer(started(), 26 * MIN);
    expect(p.ok && p.state).toMatchObject({ status: 'paused', remainingMs: 4 * MIN, version: 2, pomodoro: { phase: 'break', round: 1 } });
    expect(pauseTimer(started(), 99 * MIN)).toEqual({ ok: true, state: expect.objectContaining({ status: 'idle', version: 2 }) });
  });

  it.each([
    ['a running timer', started(0), 1_000],
    ['a running countdown', running(10_000), 0],
  ])('refuses to start over %s', (_name, state, now) => {
    expect(startPomodoro(state, plan, now).ok).toBe(false);
  });

  it.each([
    [{ ...plan, focusMinutes: 4 }],
    [{ ...plan, focusMinutes: 91 }],
    [{ ...plan, breakMinutes: 0 }],
    [{ ...plan, breakMinutes: 31 }],
    [{ ...plan, rounds: 0 }],
    [{ ...plan, rounds: 13 }],
    [{ ...plan, rounds: 1.5 }],
  ])('refuses the plan %o', (bad) => {
    expect(startPomodoro(idleTimer(), bad, 0).ok).toBe(false);
  });

  it('a countdown started over a paused cycle is a plain countdown', () => {
    const p = pauseTimer(started(), MIN);
    const c = p.ok && startTimer(p.state, 10_000, 2 * MIN);
    expect(c && c.ok && c.state.pomodoro).toBeUndefined();
  });

  it('announces a phase only when the same cycle moved on', () => {
    const f1 = started();
    const b1 = expired(f1, 25 * MIN);
    expect(phaseChange(9, f1, b1)).toEqual({ roomId: 9, phase: 'break', round: 1, rounds: 2 });
    expect(phaseChange(9, b1, expired(b1, 30 * MIN))).toEqual({ roomId: 9, phase: 'focus', round: 2, rounds: 2 });
    expect(phaseChange(9, idleTimer(), f1)).toBeNull();
    expect(phaseChange(9, f1, expired(expired(b1, 30 * MIN), 55 * MIN))).toBeNull();
    const p = pauseTimer(b1, 26 * MIN);
    expect(p.ok && phaseChange(9, b1, p.state)).toBeNull();
    // A new cycle over a paused one starts again at round 1: a start, not a phase change.
    const again = p.ok && startPomodoro(p.state, plan, 27 * MIN);
    expect(again && again.ok && phaseChange(9, b1, again.state)).toBeNull();
  });

  it('describes a cycle on the wire with its phase and round; a state stored before pomodoro existed reads as a countdown', () => {
    expect(timerMessage(7, started(0), 1_000)).toEqual({
      roomId: 7, status: 'running', mode: 'pomodoro', durationMs: 25 * MIN, endsAt: 25 * MIN, remainingMs: 25 * MIN - 1_000, serverNow: 1_000, version: 1, phase: 'focus', round: 1, rounds: 2,
    });
    const stored = JSON.parse('{"status":"running","durationMs":60000,"endsAt":10000,"remainingMs":60000,"version":4}') as TimerState;
    expect(timerMessage(7, stored, 4_000)).toEqual({ roomId: 7, status: 'running', mode: 'countdown', durationMs: 60_000, endsAt: 10_000, remainingMs: 6_000, serverNow: 4_000, version: 4 });
    expect(expireTimer(stored, 10_000)).toEqual({ status: 'idle', durationMs: 60_000, endsAt: null, remainingMs: 0, version: 5 });
  });
});
