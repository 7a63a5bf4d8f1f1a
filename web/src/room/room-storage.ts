import type { RoomDetail } from '../api';

const KEY = 'myRoom';

/** What the room page's header shows, kept from the REST entry (there is no GET for one room). */
export type RememberedRoom = {
  id: number;
  title: string;
  categoryId: number;
  categoryName?: string;
  tags?: string[];
  capacity?: number;
  masterUserId?: number;
};

/** The room this tab entered over REST, so the room page can tell a fresh entry from a reload. */
export function rememberRoom(room: RoomDetail) {
  const kept: RememberedRoom = {
    id: room.id,
    title: room.title,
    categoryId: room.category.id,
    categoryName: room.category.name,
    tags: (room.Tags ?? []).map((t) => t.name),
    capacity: room.capacity,
    masterUserId: room.masterUserId,
  };
  sessionStorage.setItem(KEY, JSON.stringify(kept));
}

export function rememberedRoom(roomId: number): RememberedRoom | null {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as RememberedRoom | null;
    return parsed && parsed.id === roomId ? parsed : null;
  } catch {
    return null;
  }
}

export function forgetRoom() {
  sessionStorage.removeItem(KEY);
}
