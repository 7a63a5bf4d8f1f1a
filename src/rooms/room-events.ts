import { EventEmitter } from 'node:events';

/** Why a member stopped being a member: the same leave runs for all of them. */
export type LeaveReason = 'rest' | 'socket' | 'grace-expired' | 'moved' | 'replaced' | 'shutdown' | 'startup-cleanup';

export type MemberLeft = {
  roomId: number;
  userId: number;
  reason: LeaveReason;
  /** The room was deleted because its last member left. */
  roomDeleted: boolean;
  /** The master after the leave (changes when the master left), null when the room is gone. */
  masterUserId: number | null;
  at: number;
};
export type MemberEntered = { roomId: number; userId: number; categoryId: number; at: number };

type EventMap = { 'member-left': [MemberLeft]; 'member-entered': [MemberEntered] };

/** Room membership changes, published by the rooms service for the realtime and participation features. */
export function createRoomEvents() {
  const emitter = new EventEmitter<EventMap>();
  emitter.setMaxListeners(50);
  return emitter;
}
export type RoomEvents = ReturnType<typeof createRoomEvents>;
