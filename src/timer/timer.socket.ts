import { AppError } from '../errors';
import type { MemberLeft, RoomEvents } from '../rooms/room-events';
import { currentMember } from '../realtime/live-member';
import { IgnoredPayloadSchema } from '../realtime/payloads';
import type { RoomStore, TimerState } from '../realtime/room-store';
import { roomChannel, type Connection, type IoServer, type SocketFeature } from '../realtime/socket-types';
import type { Clock, TimerHandle } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { TimerStateMessage } from '../contract/events';
import { expireTimer, pauseTimer, phaseChange, resetTimer, resumeTimer, splitDuration, startPomodoro, startTimer, timerMessage, type TimerResult } from './room-timer';
import { StartTimerSchema } from './timer.schema';

/** Concurrent commands retry on a fresh state this many times before answering CONFLICT. */
const SWAP_ATTEMPTS = 5;

type TimerDeps = {
  io: Pick<IoServer, 'to'>;
  store: Pick<RoomStore, 'getMember' | 'getTimer' | 'swapTimer'>;
  roomEvents: Pick<RoomEvents, 'on' | 'off'>;
  clock: Clock;
  log: Logger;
};

/**
 * The shared timer over sockets. The state lives in the room store and changes only by compare-and-swap
 * on its version; the process that made a timer run schedules one call per room to announce its end,
 * and the version check makes that announcement happen once even with several processes.
 */
export function createTimerSockets({ io, store, roomEvents, clock, log }: TimerDeps): SocketFeature {
  const countdowns = new Map<number, TimerHandle>();
  const expiring = new Set<Promise<void>>();

  function forgetRoom(roomId: number): void {
    clock.clearTimer(countdowns.get(roomId));
    countdowns.delete(roomId);
  }
  const onMemberLeft = (left: MemberLeft) => {
    if (left.roomDeleted) forgetRoom(left.roomId);
  };

  type Actor = NonNullable<TimerStateMessage['by']>;
  /** Who made a change (start, pause, resume, reset); a change the cycle makes by itself has nobody. */
  const withActor = (msg: TimerStateMessage, by?: Actor): TimerStateMessage => (by ? { ...msg, by } : msg);

  /**
   * Called only by the process whose swap won, so every change (a pomodoro's phase change included) is
   * announced once to each member, whatever the number of processes.
   */
  function broadcast(roomId: number, before: TimerState, after: TimerState, by?: Actor): void {
    const room = io.to(roomChannel(roomId));
    room.emit('timer state', withActor(timerMessage(roomId, after, clock.now()), by));
    const phase = phaseChange(roomId, before, after);
    if (phase) room.emit('timer phase', phase);
  }

  async function expire(roomId: number, version: number): Promise<void> {
    countdowns.delete(roomId);
    const state = await store.getTimer(roomId);
    if (state.version !== version) return;
    const done = expireTimer(state, clock.now());
    if (!done) return armCountdown(roomId, state);
    if (!(await store.swapTimer(roomId, version, done))) return;
    armCountdown(roomId, done);
    broadcast(roomId, state, done);
  }

  function armCountdown(roomId: number, state: TimerState): void {
    forgetRoom(roomId);
    if (state.status !== 'running' || state.endsAt === null) return;
    const handle = clock.setTimeout(() => {
      const done = expire(roomId, state.version)
        .catch((err: unknown) => log.warn({ err, roomId }, 'timer expiry failed'))
        .finally(() => expiring.delete(done));
      expiring.add(done);
    }, Math.max(0, state.endsAt - clock.now()));
    countdowns.set(roomId, handle);
  }

  /** Reads, applies `change` and swaps; on a lost race reads again, so no command acts on a stale state. */
  async function update(roomId: number, by: Actor, change: (state: TimerState, now: number) => TimerResult): Promise<TimerState> {
    for (let attempt = 0; attempt < SWAP_ATTEMPTS; attempt++) {
      const current = await store.getTimer(roomId);
      const result = change(current, clock.now());
      if (!result.ok) throw new AppError('CONFLICT', result.reason);
      if (await store.swapTimer(roomId, current.version, result.state)) {
        armCountdown(roomId, result.state);
        broadcast(roomId, current, result.state, by);
        return result.state;
      }
    }
    throw new AppError('CONFLICT', '타이머가 방금 바뀌었어요. 다시 시도해 주세요.');
  }

  function register({ socket, limiters, onEvent }: Connection): void {
    const limits = { limiters: [limiters.all, limiters.timer] };
    onEvent(socket, 'start_timer', StartTimerSchema, async (payload) => {
      const { roomId, userId, nickname } = await currentMember(store, socket);
      const by = { userId, nickname };
      if (payload.mode === 'pomodoro') {
        // No start_receive: the original client knows only countdowns, and would show the first focus as one.
        const state = await update(roomId, by, (s, now) => startPomodoro(s, payload, now));
        return { timer: withActor(timerMessage(roomId, state, clock.now()), by) };
      }
      const { hours, minutes, seconds } = payload;
      const durationMs = ((hours * 60 + minutes) * 60 + seconds) * 1000;
      const state = await update(roomId, by, (s, now) => startTimer(s, durationMs, now));
      socket.to(roomChannel(roomId)).emit('start_receive', { roomId, ...splitDuration(durationMs) });
      return { timer: withActor(timerMessage(roomId, state, clock.now()), by) };
    }, limits);

    onEvent(socket, 'stop_time', IgnoredPayloadSchema, async () => {
      const { roomId, userId, nickname } = await currentMember(store, socket);
      const by = { userId, nickname };
      const state = await update(roomId, by, pauseTimer);
      socket.to(roomChannel(roomId)).emit('stop_receive', { roomId });
      return { timer: withActor(timerMessage(roomId, state, clock.now()), by) };
    }, limits);

    onEvent(socket, 'resume_timer', IgnoredPayloadSchema, async () => {
      const { roomId, userId, nickname } = await currentMember(store, socket);
      const by = { userId, nickname };
      const state = await update(roomId, by, resumeTimer);
      return { timer: withActor(timerMessage(roomId, state, clock.now()), by) };
    }, limits);

    onEvent(socket, 'reset_time', IgnoredPayloadSchema, async () => {
      const { roomId, userId, nickname } = await currentMember(store, socket);
      const by = { userId, nickname };
      const state = await update(roomId, by, (s) => ({ ok: true, state: resetTimer(s) }));
      socket.to(roomChannel(roomId)).emit('reset_receive', { roomId });
      return { timer: withActor(timerMessage(roomId, state, clock.now()), by) };
    }, limits);
  }

  return {
    name: 'timer',
    register,
    start: () => void roomEvents.on('member-left', onMemberLeft),
    async settled() {
      while (expiring.size > 0) await Promise.allSettled([...expiring]);
    },
    stop() {
      roomEvents.off('member-left', onMemberLeft);
      for (const roomId of [...countdowns.keys()]) forgetRoom(roomId);
    },
  };
}
