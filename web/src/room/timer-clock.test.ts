import { formatRemaining, localDeadline, phaseCue, remainingMs, type ReceivedTimer, type TimerState } from './timer-clock';

const state = (patch: Partial<TimerState>): TimerState => ({
  roomId: 1,
  status: 'idle',
  mode: 'countdown',
  durationMs: 0,
  remainingMs: 0,
  serverNow: 0,
  version: 1,
  ...patch,
});

/** A 10-minute timer started at server time 1_000_000, received here (a clock 5 h behind) at local 42. */
const running: ReceivedTimer = {
  state: state({ status: 'running', durationMs: 600_000, endsAt: 1_600_000, remainingMs: 600_000, serverNow: 1_000_000 }),
  receivedAt: 42,
};

describe('remainingMs', () => {
  test('no timer shows nothing left', () => {
    expect(remainingMs(null, 123)).toBe(0);
  });

  test('a running timer counts down by local time passed since arrival, whatever the local clock says', () => {
    expect(remainingMs(running, 42)).toBe(600_000);
    expect(remainingMs(running, 42 + 1_500)).toBe(598_500);
  });

  test('the server-side delay before sending is already taken off (endsAt - serverNow)', () => {
    const late: ReceivedTimer = { ...running, state: { ...running.state, serverNow: 1_000_250 } };
    expect(remainingMs(late, 42)).toBe(599_750);
  });

  test('past its end a running timer shows 0, never a negative time', () => {
    expect(remainingMs(running, 42 + 600_000)).toBe(0);
    expect(remainingMs(running, 42 + 700_000)).toBe(0);
  });

  test('a paused timer holds its remaining time however long it stays paused', () => {
    const paused: ReceivedTimer = { state: state({ status: 'paused', durationMs: 600_000, remainingMs: 254_321, serverNow: 5 }), receivedAt: 42 };
    expect(remainingMs(paused, 42)).toBe(254_321);
    expect(remainingMs(paused, 42 + 3_600_000)).toBe(254_321);
  });

  test('resuming counts down again from the new state, not from the paused one', () => {
    const resumed: ReceivedTimer = {
      state: state({ status: 'running', durationMs: 600_000, endsAt: 2_254_321, remainingMs: 254_321, serverNow: 2_000_000, version: 3 }),
      receivedAt: 9_000,
    };
    expect(remainingMs(resumed, 10_000)).toBe(253_321);
  });

  test('an idle timer shows its stored remaining time (0 after a reset or at the end)', () => {
    expect(remainingMs({ state: state({ status: 'idle', remainingMs: 0 }), receivedAt: 0 }, 99)).toBe(0);
  });
});

describe('localDeadline', () => {
  test('a running timer ends at arrival + (endsAt - serverNow) on the local clock', () => {
    expect(localDeadline(running)).toBe(42 + 600_000);
  });

  test('a paused or idle timer, or none, has no deadline', () => {
    expect(localDeadline(null)).toBeNull();
    expect(localDeadline({ state: state({ status: 'paused', remainingMs: 1_000 }), receivedAt: 0 })).toBeNull();
    expect(localDeadline({ state: state({ status: 'idle' }), receivedAt: 0 })).toBeNull();
  });
});

describe('formatRemaining', () => {
  test('hours, minutes and seconds, two digits each', () => {
    expect(formatRemaining(3_723_000)).toBe('01:02:03');
  });

  test('a part second rounds up, so 00:00:00 shows only at the very end', () => {
    expect(formatRemaining(3_723_400)).toBe('01:02:04');
    expect(formatRemaining(1)).toBe('00:00:01');
    expect(formatRemaining(0)).toBe('00:00:00');
  });

  test('minute and hour boundaries carry over', () => {
    expect(formatRemaining(59_001)).toBe('00:01:00');
    expect(formatRemaining(3_599_999)).toBe('01:00:00');
  });

  test('the longest timer the server allows (23:59:59) fits', () => {
    expect(formatRemaining((23 * 3600 + 59 * 60 + 59) * 1000)).toBe('23:59:59');
  });
});

describe('phaseCue', () => {
  const pomodoro = (phase: 'focus' | 'break', round: number, version: number, status: TimerState['status'] = 'running') =>
    state({ mode: 'pomodoro', status, phase, round, rounds: 4, version });

  it('announces the phase the cycle moved on to', () => {
    expect(phaseCue(pomodoro('focus', 1, 1), pomodoro('break', 1, 2))).toBe('break');
    expect(phaseCue(pomodoro('break', 1, 2), pomodoro('focus', 2, 3))).toBe('focus');
    // A pause that met a phase already at zero moved on too.
    expect(phaseCue(pomodoro('focus', 1, 1), pomodoro('break', 1, 2, 'paused'))).toBe('break');
  });

  it.each([
    ['a late join (no state before)', null, pomodoro('break', 2, 5)],
    ['a start', state({ version: 3 }), pomodoro('focus', 1, 4)],
    ['a pause', pomodoro('focus', 1, 1), pomodoro('focus', 1, 2, 'paused')],
    ['a resume', pomodoro('focus', 1, 2, 'paused'), pomodoro('focus', 1, 3)],
    ['the end of the cycle', pomodoro('focus', 4, 7), state({ version: 8 })],
    ['a new cycle over a paused one', pomodoro('break', 2, 5, 'paused'), pomodoro('focus', 1, 6)],
    ['an older state arriving late', pomodoro('break', 1, 2), pomodoro('focus', 1, 1)],
  ])('stays quiet for %s', (_name, before, after) => {
    expect(phaseCue(before, after)).toBeNull();
  });
});
