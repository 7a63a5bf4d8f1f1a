import type { Api, BenchUser } from './api';
import { mapLimit } from './limits';

/** Guests for the bench (guest sign-in needs no password hashing, as a first visit would). */
export function makeGuests(api: Api, count: number, concurrency = 32): Promise<BenchUser[]> {
  return mapLimit(Array.from({ length: count }), concurrency, () => api.guest());
}

/** A title unique across runs and rooms, within the 30-character limit. */
export const benchTitle = (tag: string, n: number) => `b${tag} ${n}`.slice(0, 30);
