import { ApiError, type Api, type RoomDetail, type RoomSummary, type User } from '../api';
import { rememberRoom } from '../room/room-storage';
import { navigate } from '../router';
import { texts } from '../texts';
import { errorText } from '../components/error-text';

/** Into the room page, remembering that this tab took the seat (so the page does not enter again). */
export function goToRoom(detail: RoomDetail) {
  rememberRoom(detail);
  navigate(`/room/${detail.id}`);
}

/** Entering a room over REST; a refusal is told to the user and the list reloaded, since it was out of date. */
export function useRoomEntry(api: Api, user: User | null | undefined, onError: (message: string) => void, reload: () => void) {
  return async function enter(room: RoomSummary, proof: { ticket?: string } = {}) {
    if (!user) return;
    try {
      goToRoom(await api.enterRoom(room.id, user.id, proof));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ROOM_FULL') onError(texts.rooms.full);
      else onError(errorText(err));
      reload();
    }
  };
}
