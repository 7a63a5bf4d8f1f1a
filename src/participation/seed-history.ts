import { randomUUID } from 'node:crypto';
import type { ParticipationEntry, ParticipationStore } from './participation.store';

export type HistoryOptions = {
  userId: number;
  /** How many closed sessions to write, e.g. 3 000 for "a year of history". */
  sessions: number;
  /** The last session ends at or before this instant (epoch ms). */
  endAt: number;
  /** The history spreads evenly over this many days before `endAt`. */
  spanDays?: number;
  roomId?: number;
  /** Same seed, same history: benchmarks compare like with like. */
  seed?: number;
};

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** mulberry32: a tiny deterministic generator, so seeded histories are reproducible without a dependency. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The sessions `seedHistory` writes, oldest first: evenly spaced slots, each a 5-120 minute visit in one of the 6 categories. */
export function buildHistory(opts: HistoryOptions): ParticipationEntry[] {
  const { userId, sessions, endAt, spanDays = 365, roomId = 1, seed = 1 } = opts;
  const random = generator(seed);
  const slotMs = Math.floor((spanDays * DAY_MS) / Math.max(1, sessions));
  const start = endAt - sessions * slotMs;
  return Array.from({ length: sessions }, (_, i) => {
    const lengthMs = Math.min(slotMs, (5 + Math.floor(random() * 116)) * MINUTE_MS);
    const joinedAt = start + i * slotMs + Math.floor(random() * (slotMs - lengthMs));
    const leftAt = joinedAt + lengthMs;
    return { id: randomUUID(), userId, roomId, categoryId: 1 + Math.floor(random() * 6), joinedAt, leftAt, heartbeatAt: leftAt };
  });
}

/** Writes a user's history straight into a participation store (benchmarks and demos); returns what it wrote. */
export async function seedHistory(store: Pick<ParticipationStore, 'appendMany'>, opts: HistoryOptions): Promise<ParticipationEntry[]> {
  const entries = buildHistory(opts);
  await store.appendMany(entries);
  return entries;
}
