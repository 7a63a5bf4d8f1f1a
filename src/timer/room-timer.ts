import type { TimerStateMessage } from '../contract/events';
import { idleTimer, type TimerState } from '../realtime/room-store';

/**
 * The room's shared timer as pure functions of (state, now). The server owns it: clients only send
 * commands and render `timer state`. Every change bumps the version, so the loser of two simultaneous
 * starts sees the new version instead of overwriting it.
 */
export type TimerResult = { ok: true; state: TimerState } | { ok: false; reason: string };

export const MAX_TIMER_MS = (23 * 3600 + 59 * 60 + 59) * 1000;

export function remainingMs(state: TimerState, now: number): number {
  if (state.status === 'running' && state.endsAt !== null) return Math.max(0, state.endsAt - now);
  return state.remainingMs;
}

/** Starting while another countdown runs is refused, so two simultaneous starts make one timer. */
export function startTimer(state: TimerState, durationMs: number, now: number): TimerResult {
  if (state.status === 'running' && remainingMs(state, now) > 0) return { ok: false, reason: '타이머가 이미 돌아가고 있어요.' };
  if (!Number.isInteger(durationMs) || durationMs <= 0 || durationMs > MAX_TIMER_MS) return { ok: false, reason: '타이머 시간은 1초에서 23시간 59분 59초 사이여야 해요.' };
  return { ok: true, state: { status: 'running', durationMs, endsAt: now + durationMs, remainingMs: durationMs, version: state.version + 1 } };
}

export function pauseTimer(state: TimerState, now: number): TimerResult {
  if (state.status !== 'running') return { ok: false, reason: '타이머가 돌아가고 있지 않아요.' };
  const left = remainingMs(state, now);
  if (left === 0) return { ok: true, state: expiredTimer(state) };
  return { ok: true, state: { ...state, status: 'paused', endsAt: null, remainingMs: left, version: state.version + 1 } };
}

export function resumeTimer(state: TimerState, now: number): TimerResult {
  if (state.status !== 'paused') return { ok: false, reason: '타이머가 멈춰 있지 않아요.' };
  return { ok: true, state: { ...state, status: 'running', endsAt: now + state.remainingMs, version: state.version + 1 } };
}

/** Reset always succeeds: it is how a client gets out of any state. */
export const resetTimer = (state: TimerState): TimerState => idleTimer(state.version + 1);

const expiredTimer = (state: TimerState): TimerState => ({ ...idleTimer(state.version + 1), durationMs: state.durationMs });

/** The final state once a running timer has reached zero; null while it still runs or if it is not running. */
export function expireTimer(state: TimerState, now: number): TimerState | null {
  if (state.status !== 'running' || remainingMs(state, now) > 0) return null;
  return expiredTimer(state);
}

export function timerMessage(roomId: number, state: TimerState, now: number): TimerStateMessage {
  const msg: TimerStateMessage = {
    roomId,
    status: state.status,
    durationMs: state.durationMs,
    remainingMs: remainingMs(state, now),
    serverNow: now,
    version: state.version,
  };
  if (state.status === 'running' && state.endsAt !== null) msg.endsAt = state.endsAt;
  return msg;
}

/** The original client's `start_receive` speaks hours/minutes/seconds. */
export function splitDuration(ms: number): { hours: number; minutes: number; seconds: number } {
  const total = Math.round(ms / 1000);
  return { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}
