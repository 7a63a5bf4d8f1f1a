import { addDays, dateKey, mondayBasedWeekday, type LocalDate } from './calendar';
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

/** A leaderboard period: a week (Monday first) or a month, in TZ_NAME. */
export type PeriodKind = 'week' | 'month';

const parseDay = (key: string): LocalDate => {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};

/** "W2026-03-16" (the week's Monday) or "M2026-03": the period a day ("YYYY-MM-DD") falls in. */
export function periodKey(kind: PeriodKind, day: string): string {
  if (kind === 'month') return `M${day.slice(0, 7)}`;
  const d = parseDay(day);
  return `W${dateKey(addDays(d, -mondayBasedWeekday(d)))}`;
}

/** Category 0 in the period totals: every category together. */
export const ALL_CATEGORIES = 0;

export type PeriodDelta = { period: string; categoryId: number; userId: number; ms: number };

/**
 * The period totals that day deltas add to: the week and the month, each for the category and for all
 * categories, so a leaderboard reads one row per user, already ordered by an index.
 */
export function periodDeltas(days: readonly DayDelta[]): PeriodDelta[] {
  const byKey = new Map<string, PeriodDelta>();
  for (const d of days) {
    for (const period of [periodKey('week', d.day), periodKey('month', d.day)]) {
      for (const categoryId of [d.categoryId, ALL_CATEGORIES]) {
        const key = `${period}|${categoryId}|${d.userId}`;
        const seen = byKey.get(key);
        if (seen) seen.ms += d.ms;
        else byKey.set(key, { period, categoryId, userId: d.userId, ms: d.ms });
      }
    }
  }
  return [...byKey.values()];
}
