import { dateKey } from './calendar';
import type { ParticipationEntry } from './participation.store';
import { splitByLocalDay } from './records';

/**
 * The roll-up: milliseconds per (user, calendar day in TZ_NAME, category) of ended entries. Adapters keep
 * it next to the log and add to it when an entry's end is stored, so reads cost the days asked for, never
 * the length of a user's history. Pure helpers here; the adding is each adapter's, in its own write.
 */
export type DayDelta = { userId: number; day: string; categoryId: number; ms: number };

/**
 * What moving an entry's end from `previousEnd` to `newEnd` adds: the span in between, split at local
 * midnights. Ending again at the same or an earlier instant adds nothing, so an end is never counted twice.
 */
export function endDeltas(entry: Pick<ParticipationEntry, 'userId' | 'categoryId' | 'joinedAt'>, previousEnd: number | null, newEnd: number, tz: string): DayDelta[] {
  const from = Math.max(entry.joinedAt, previousEnd ?? entry.joinedAt);
  return splitByLocalDay(from, newEnd, tz).map((p) => ({ userId: entry.userId, day: dateKey(p.date), categoryId: entry.categoryId, ms: p.ms }));
}

/** Deltas of the same (user, day, category) added together: one upsert per key. */
export function mergeDeltas(deltas: readonly DayDelta[]): DayDelta[] {
  const byKey = new Map<string, DayDelta>();
  for (const d of deltas) {
    const key = `${d.userId}|${d.day}|${d.categoryId}`;
    const seen = byKey.get(key);
    if (seen) seen.ms += d.ms;
    else byKey.set(key, { ...d });
  }
  return [...byKey.values()];
}
