import type { BadgesService } from '../badges/badges.service';
import type { Clock } from '../shared/clock';
import { dateKey, localDateOf } from './calendar';
import type { ParticipationStore } from './participation.store';
import { addTotals, periodsAround, recordsFromTotals, splitByLocalDay, sumByDayAndCategory, weekMinutesFromTotals, type DayTotals, type Records } from './records';

type ParticipationServiceDeps = {
  store: Pick<ParticipationStore, 'dayTotals' | 'listOpen'>;
  badges: Pick<BadgesService, 'awardWeekly'>;
  clock: Clock;
  /** TZ_NAME: the zone whose midnights split days and whose Mondays start weeks. */
  tzName: string;
};

/**
 * Reads the roll-up (ended entries, per day and category) plus the user's open entries counted up to now,
 * and derives everything from them: records and category badges. A read costs the days it covers, not the
 * length of the user's history.
 */
export function createParticipationService({ store, badges, clock, tzName }: ParticipationServiceDeps) {
  /** Milliseconds per local day and category over [from, to): the roll-up's days plus open entries up to `now`. */
  async function dayTotalsBetween(userId: number, from: number, to: number, now = clock.now()): Promise<DayTotals> {
    if (to <= from) return new Map();
    const [rows, open] = await Promise.all([
      store.dayTotals(userId, dateKey(localDateOf(from, tzName)), dateKey(localDateOf(to - 1, tzName))),
      store.listOpen(userId),
    ]);
    return addTotals(sumByDayAndCategory(open, from, to, now, tzName), rows);
  }

  /**
   * Milliseconds per local day ("YYYY-MM-DD", every category) over the user's whole history up to `now`:
   * one roll-up row per day and category, plus the open entries split at midnight.
   */
  async function msPerDay(userId: number, now = clock.now()): Promise<Map<string, number>> {
    const [rows, open] = await Promise.all([store.dayTotals(userId, '0000-01-01', dateKey(localDateOf(now, tzName))), store.listOpen(userId)]);
    const days = new Map<string, number>();
    const add = (day: string, ms: number) => days.set(day, (days.get(day) ?? 0) + ms);
    for (const r of rows) add(r.day, r.ms);
    for (const e of open) for (const p of splitByLocalDay(e.joinedAt, now, tzName)) add(dateKey(p.date), p.ms);
    return days;
  }

  /** Awards, once and atomically, each category badge this week's minutes earn (the rule: badges/badge-rules.ts). */
  async function awardWeeklyBadges(userId: number, now = clock.now()): Promise<number[]> {
    const { weekRange } = periodsAround(now, tzName);
    const totals = await dayTotalsBetween(userId, weekRange.from, weekRange.to, now);
    return badges.awardWeekly(userId, weekMinutesFromTotals(totals, now, tzName), new Date(now));
  }

  /** The contract's records for `userId` now, after awarding any category badge they show was earned. */
  async function recordsOf(userId: number): Promise<Records> {
    const now = clock.now();
    const { range } = periodsAround(now, tzName);
    const totals = await dayTotalsBetween(userId, range.from, range.to, now);
    await badges.awardWeekly(userId, weekMinutesFromTotals(totals, now, tzName), new Date(now));
    return recordsFromTotals(userId, totals, now, tzName);
  }

  return { recordsOf, awardWeeklyBadges, dayTotalsBetween, msPerDay };
}
export type ParticipationService = ReturnType<typeof createParticipationService>;
