import type { ChatMessage, PomodoroPhase, TimerStatus } from '../contract/events';

/**
 * A member's live state in a room, shared by every process: which socket speaks for the user now
 * (null while a dropped connection waits out its grace), their public profile and their media state.
 */
export type LiveMember = {
  roomId: number;
  userId: number;
  socketId: string | null;
  /** When the socket dropped (epoch ms); null while connected. */
  detachedAt: number | null;
  nickname: string;
  profileImg: string | null;
  masterBadge: string | null;
  statusMsg: string;
  audio: boolean;
  video: boolean;
};

/**
 * A room's shared timer as stored. A running timer stores when it ends, not how much is left, so any
 * process computes the same remaining time; `version` grows on every change, so concurrent commands are
 * compared and swapped (the timer feature's pure functions in src/timer/room-timer.ts change it).
 */
export type TimerState = {
  status: TimerStatus;
  durationMs: number;
  endsAt: number | null;
  /** Frozen remaining time while paused; recomputed from endsAt while running. */
  remainingMs: number;
  version: number;
  /**
   * Present only for a pomodoro cycle, whose durationMs/endsAt/remainingMs are then the current phase's. A
   * state without it (every state stored before pomodoro existed) is a plain countdown.
   */
  pomodoro?: PomodoroCycle;
};

/** Where a pomodoro cycle stands: focus, break, focus … for `rounds` focus phases, no break after the last. */
export type PomodoroCycle = {
  focusMs: number;
  breakMs: number;
  rounds: number;
  /** The current round, from 1; a break belongs to the focus before it. */
  round: number;
  phase: PomodoroPhase;
};

export const idleTimer = (version = 0): TimerState => ({ status: 'idle', durationMs: 0, endsAt: null, remainingMs: 0, version });

export const CHAT_HISTORY_SIZE = 50;

/**
 * The room state more than one process needs (LiveKit's LocalStore/RedisStore split). Every method is
 * atomic on its own, so two processes racing on one room never lose an update. Every method answers with a
 * promise, on either store, so callers are written once.
 */
export interface RoomStore {
  /** Inserts or replaces the member; returns the entry it replaced, if any. */
  putMember(member: LiveMember): Promise<LiveMember | null>;
  getMember(roomId: number, userId: number): Promise<LiveMember | null>;
  members(roomId: number): Promise<LiveMember[]>;
  /** Applies `patch` only while `socketId` still speaks for the user (a newer connection wins). */
  patchMember(roomId: number, userId: number, socketId: string, patch: Partial<Pick<LiveMember, 'socketId' | 'detachedAt' | 'audio' | 'video'>>): Promise<LiveMember | null>;
  removeMember(roomId: number, userId: number): Promise<LiveMember | null>;
  getTimer(roomId: number): Promise<TimerState>;
  /** Stores `next` only if the stored version is still `expectedVersion`. */
  swapTimer(roomId: number, expectedVersion: number, next: TimerState): Promise<boolean>;
  appendChat(message: ChatMessage): Promise<void>;
  chatHistory(roomId: number): Promise<ChatMessage[]>;
  /** Forgets everything about a room (it emptied). */
  clearRoom(roomId: number): Promise<void>;
  close(): Promise<void>;
}

/** The single-process default: plain maps. */
export function createLocalRoomStore(): RoomStore {
  const members = new Map<number, Map<number, LiveMember>>();
  const timers = new Map<number, TimerState>();
  const chats = new Map<number, ChatMessage[]>();
  const copy = (m: LiveMember | undefined | null) => (m ? { ...m } : null);

  return {
    async putMember(member) {
      const room = members.get(member.roomId) ?? new Map<number, LiveMember>();
      members.set(member.roomId, room);
      const previous = room.get(member.userId);
      room.set(member.userId, { ...member });
      return copy(previous);
    },
    async getMember(roomId, userId) {
      return copy(members.get(roomId)?.get(userId));
    },
    async members(roomId) {
      return [...(members.get(roomId)?.values() ?? [])].map((m) => ({ ...m }));
    },
    async patchMember(roomId, userId, socketId, patch) {
      const current = members.get(roomId)?.get(userId);
      if (!current || current.socketId !== socketId) return null;
      Object.assign(current, patch);
      return copy(current);
    },
    async removeMember(roomId, userId) {
      const room = members.get(roomId);
      const previous = room?.get(userId);
      room?.delete(userId);
      if (room && room.size === 0) members.delete(roomId);
      return copy(previous);
    },
    async getTimer(roomId) {
      return { ...(timers.get(roomId) ?? idleTimer()) };
    },
    async swapTimer(roomId, expectedVersion, next) {
      if ((timers.get(roomId)?.version ?? 0) !== expectedVersion) return false;
      timers.set(roomId, { ...next });
      return true;
    },
    async appendChat(message) {
      const list = chats.get(message.roomId) ?? [];
      list.push(message);
      if (list.length > CHAT_HISTORY_SIZE) list.splice(0, list.length - CHAT_HISTORY_SIZE);
      chats.set(message.roomId, list);
    },
    async chatHistory(roomId) {
      return [...(chats.get(roomId) ?? [])];
    },
    async clearRoom(roomId) {
      members.delete(roomId);
      timers.delete(roomId);
      chats.delete(roomId);
    },
    async close() {
      members.clear();
      timers.clear();
      chats.clear();
    },
  };
}
