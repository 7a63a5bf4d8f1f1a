import type { TimerPhaseMessage, TimerStateMessage } from '../contract/events';
import { idleTimer, type PomodoroCycle, type TimerState } from '../realtime/room-store';

/**
 * The room's shared timer as pure functions of (state, now). The server owns it: clients only send
 * commands and render `timer state`. Every change bumps the version, so the loser of two simultaneous
 * starts sees the new version instead of overwriting it. A pomodoro cycle is the same running/paused timer
 * over its current phase, plus where the cycle stands; its phases move on in `expireTimer`.
 */
export type TimerResult = { ok: true; state: TimerState } | { ok: false; reason: string };

export const MAX_TIMER_MS = (23 * 3600 + 59 * 60 + 59) * 1000;

export function remainingMs(state: TimerState, now: number): number {
  if (state.status === 'running' && state.endsAt !== null) return Math.max(0, state.endsAt - now);
  return state.remainingMs;
}

/** The bounds of a pomodoro plan, in minutes (rounds: focus phases); the start_timer schema uses them too. */
export const POMODORO_LIMITS = { focusMinutes: { min: 5, max: 90 }, breakMinutes: { min: 1, max: 30 }, rounds: { min: 1, max: 12 } } as const;

export type PomodoroPlan = { focusMinutes: number; breakMinutes: number; rounds: number };

const ALREADY_RUNNING: TimerResult = { ok: false, reason: '타이머가 이미 돌아가고 있어요.' };
const isRunning = (state: TimerState, now: number) => state.status === 'running' && remainingMs(state, now) > 0;
const running = (durationMs: number, now: number, version: number, pomodoro?: PomodoroCycle): TimerState => ({
  status: 'running',
  durationMs,
  endsAt: now + durationMs,
  remainingMs: durationMs,
  version,
  ...(pomodoro && { pomodoro }),
});

/** Starting while another countdown runs is refused, so two simultaneous starts make one timer. */
export function startTimer(state: TimerState, durationMs: number, now: number): TimerResult {
  if (isRunning(state, now)) return ALREADY_RUNNING;
  if (!Number.isInteger(durationMs) || durationMs <= 0 || durationMs > MAX_TIMER_MS) return { ok: false, reason: '타이머 시간은 1초에서 23시간 59분 59초 사이여야 해요.' };
  return { ok: true, state: running(durationMs, now, state.version + 1) };
}

/** Starts a cycle at the first focus phase; refused while a timer runs, as a countdown is. */
export function startPomodoro(state: TimerState, plan: PomodoroPlan, now: number): TimerResult {
  if (isRunning(state, now)) return ALREADY_RUNNING;
  const inRange = (Object.keys(POMODORO_LIMITS) as (keyof PomodoroPlan)[]).every((k) => Number.isInteger(plan[k]) && plan[k] >= POMODORO_LIMITS[k].min && plan[k] <= POMODORO_LIMITS[k].max);
  if (!inRange) return { ok: false, reason: '뽀모도로는 집중 5-90분, 휴식 1-30분, 1-12회여야 해요.' };
  const cycle: PomodoroCycle = { focusMs: plan.focusMinutes * 60_000, breakMs: plan.breakMinutes * 60_000, rounds: plan.rounds, round: 1, phase: 'focus' };
  return { ok: true, state: running(cycle.focusMs, now, state.version + 1, cycle) };
}

/** Pausing freezes what is left of the current phase; a phase already at zero moves on first. */
export function pauseTimer(state: TimerState, now: number): TimerResult {
  if (state.status !== 'running') return { ok: false, reason: '타이머가 돌아가고 있지 않아요.' };
  const current = remainingMs(state, now) > 0 ? state : (expireTimer(state, now) ?? expiredTimer(state));
  if (current.status !== 'running') return { ok: true, state: current };
  return { ok: true, state: { ...current, status: 'paused', endsAt: null, remainingMs: remainingMs(current, now), version: state.version + 1 } };
}

export function resumeTimer(state: TimerState, now: number): TimerResult {
  if (state.status !== 'paused') return { ok: false, reason: '타이머가 멈춰 있지 않아요.' };
  return { ok: true, state: { ...state, status: 'running', endsAt: now + state.remainingMs, version: state.version + 1 } };
}

/** Reset always succeeds: it is how a client gets out of any state. */
export const resetTimer = (state: TimerState): TimerState => idleTimer(state.version + 1);

const expiredTimer = (state: TimerState): TimerState => ({ ...idleTimer(state.version + 1), durationMs: state.durationMs });

const phaseMs = (cycle: PomodoroCycle) => (cycle.phase === 'focus' ? cycle.focusMs : cycle.breakMs);

/** The phase after the current one: a break after every focus but the last, then the next round's focus. */
function nextPhase(cycle: PomodoroCycle): PomodoroCycle | null {
  if (cycle.phase === 'break') return { ...cycle, phase: 'focus', round: cycle.round + 1 };
  return cycle.round >= cycle.rounds ? null : { ...cycle, phase: 'break' };
}

/**
 * What a running timer becomes once it has reached zero: idle for a countdown or a cycle's last focus, the
 * next phase otherwise; null while it still runs or if it is not running.
 */
export function expireTimer(state: TimerState, now: number): TimerState | null {
  if (state.status !== 'running' || remainingMs(state, now) > 0) return null;
  let cycle = state.pomodoro;
  // Each phase starts when the one before it ended, not when a process got round to it, so a late expiry
  // (even one that comes after whole phases went by) keeps the cycle on time.
  let phaseStart = state.endsAt ?? now;
  for (;;) {
    const next = cycle && nextPhase(cycle);
    if (!next) return expiredTimer(state);
    const candidate = running(phaseMs(next), phaseStart, state.version + 1, next);
    if (remainingMs(candidate, now) > 0) return candidate;
    cycle = next;
    phaseStart = candidate.endsAt ?? now;
  }
}

/** The `timer phase` announcement when `after` is a later phase of the same cycle as `before`, else null. */
export function phaseChange(roomId: number, before: TimerState, after: TimerState): TimerPhaseMessage | null {
  const [b, a] = [before.pomodoro, after.pomodoro];
  if (!a || !b || a.focusMs !== b.focusMs || a.breakMs !== b.breakMs || a.rounds !== b.rounds) return null;
  const order = (c: PomodoroCycle) => c.round * 2 + (c.phase === 'break' ? 1 : 0);
  if (order(a) <= order(b)) return null;
  return { roomId, phase: a.phase, round: a.round, rounds: a.rounds };
}

export function timerMessage(roomId: number, state: TimerState, now: number): TimerStateMessage {
  const msg: TimerStateMessage = {
    roomId,
    status: state.status,
    mode: state.pomodoro ? 'pomodoro' : 'countdown',
    durationMs: state.durationMs,
    remainingMs: remainingMs(state, now),
    serverNow: now,
    version: state.version,
  };
  if (state.status === 'running' && state.endsAt !== null) msg.endsAt = state.endsAt;
  if (state.pomodoro) Object.assign(msg, { phase: state.pomodoro.phase, round: state.pomodoro.round, rounds: state.pomodoro.rounds });
  return msg;
}

/** The original client's `start_receive` speaks hours/minutes/seconds. */
export function splitDuration(ms: number): { hours: number; minutes: number; seconds: number } {
  const total = Math.round(ms / 1000);
  return { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}
