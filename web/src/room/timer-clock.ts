import type { TimerStateMessage } from '../../../src/contract/events';

/** The contract's `timer state`: the server owns the countdown, clients only display it. */
export type TimerState = TimerStateMessage;

/** A timer state as this browser received it: `receivedAt` is the local clock at arrival. */
export type ReceivedTimer = { state: TimerState; receivedAt: number };

/**
 * Remaining time at local time `now`: the server's own `endsAt - serverNow` at the moment of sending, minus what
 * has passed here since. Local clocks never enter the subtraction, so browsers with skewed clocks still agree.
 */
export function remainingMs(timer: ReceivedTimer | null, now: number): number {
  if (!timer) return 0;
  const { state, receivedAt } = timer;
  if (state.status !== 'running' || state.endsAt == null) return Math.max(0, state.remainingMs);
  return Math.max(0, state.endsAt - state.serverNow - (now - receivedAt));
}

/**
 * The local wall-clock time at which a running timer reaches zero (null unless running). Browsers on one machine
 * must agree on it to within the network delay: what "every browser shows the same remaining time" means.
 */
export function localDeadline(timer: ReceivedTimer | null): number | null {
  if (!timer || timer.state.status !== 'running' || timer.state.endsAt == null) return null;
  return timer.receivedAt + timer.state.endsAt - timer.state.serverNow;
}

/** 3_723_400 -> "01:02:04": whole seconds rounded up, so "00:00:00" shows only at the very end. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

/** A pomodoro plan as `start_timer` takes it, and the classic preset the panel offers. */
export type PomodoroPlan = { focusMinutes: number; breakMinutes: number; rounds: number };
export const POMODORO_PRESET: PomodoroPlan = { focusMinutes: 25, breakMinutes: 5, rounds: 4 };
/** The contract's bounds (docs/contract.md, `start_timer`): the panel clamps to them so the server never refuses. */
export const POMODORO_BOUNDS: Record<keyof PomodoroPlan, { min: number; max: number }> = {
  focusMinutes: { min: 5, max: 90 },
  breakMinutes: { min: 1, max: 30 },
  rounds: { min: 1, max: 12 },
};

/**
 * The phase a cue should announce when the shown state changes from `before` to `after`: the cycle moved on
 * (focus to break, break to the next focus), not a start, a pause, a resume or a late join's first state.
 */
export function phaseCue(before: TimerState | null, after: TimerState): 'focus' | 'break' | null {
  if (!before || before.mode !== 'pomodoro' || after.mode !== 'pomodoro' || after.status === 'idle') return null;
  if (!before.phase || !after.phase || before.rounds !== after.rounds || after.version <= before.version) return null;
  const order = (s: TimerState) => (s.round ?? 0) * 2 + (s.phase === 'break' ? 1 : 0);
  return order(after) > order(before) ? after.phase : null;
}
