import type { RoomDetail } from '../api';

const KEY = 'myRoom';

/** The room this tab entered over REST, so the room page can tell a fresh entry from a reload. */
export function rememberRoom(room: RoomDetail) {
  sessionStorage.setItem(KEY, JSON.stringify({ id: room.id, title: room.title, categoryId: room.category.id }));
}

export function rememberedRoom(roomId: number): { id: number; title: string; categoryId: number } | null {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { id: number; title: string; categoryId: number } | null;
    return parsed && parsed.id === roomId ? parsed : null;
  } catch {
    return null;
  }
}

export function forgetRoom() {
  sessionStorage.removeItem(KEY);
}
