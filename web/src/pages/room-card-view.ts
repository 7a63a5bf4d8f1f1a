import type { RoomSummary } from '../api';

export const isFull = (room: Pick<RoomSummary, 'participantCnt' | 'capacity'>) => room.participantCnt >= room.capacity;

/** Whole minutes the room has been open at `now` (never negative when the clocks disagree a little). */
export function minutesOpen(createdAt: string, now: number): number {
  const started = Date.parse(createdAt);
  if (Number.isNaN(started)) return 0;
  return Math.max(0, Math.floor((now - started) / 60_000));
}
