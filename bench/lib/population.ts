import type { Api, BenchUser } from './api';
import { mapLimit } from './limits';

export type Seat = { user: BenchUser; roomId: number };

/** Guests for the bench (guest sign-in needs no password hashing, as a first visit would). */
export function makeGuests(api: Api, count: number, concurrency = 32): Promise<BenchUser[]> {
  return mapLimit(Array.from({ length: count }), concurrency, () => api.guest());
}

/** A title unique across runs and rooms, within the 30-character limit. */
export const benchTitle = (tag: string, n: number) => `b${tag} ${n}`.slice(0, 30);

/**
 * Seats users in rooms of `roomSize` over REST: the first of each group creates the room (and is its
 * master), the others enter it. Returns each user with their room.
 */
export async function seatInRooms(api: Api, users: readonly BenchUser[], roomSize: number, tag: string, concurrency = 32): Promise<Seat[]> {
  const groups = Array.from({ length: Math.ceil(users.length / roomSize) }, (_, g) => users.slice(g * roomSize, (g + 1) * roomSize));
  const seated = await mapLimit(groups, concurrency, async (group, g) => {
    const [host, ...guests] = group as [BenchUser, ...BenchUser[]];
    const roomId = await api.createRoom(host, benchTitle(tag, g));
    for (const guest of guests) await api.enterRoom(guest, roomId);
    return group.map((user) => ({ user, roomId }));
  });
  return seated.flat();
}
