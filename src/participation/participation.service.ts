import type { BadgesRepo } from '../badges/badges.repo';
import type { Clock } from '../shared/clock';
import type { ParticipationStore } from './participation.store';
import { categoriesEarningBadges, computeRecords, periodsAround, weekMinutesByCategory, type Records } from './records';

type ParticipationServiceDeps = {
  store: Pick<ParticipationStore, 'listOverlapping'>;
  badges: Pick<BadgesRepo, 'owns' | 'award'>;
  clock: Clock;
  /** TZ_NAME: the zone whose midnights split days and whose Mondays start weeks. */
  tzName: string;
};

/** Category badge N belongs to category N (seeded catalogue: 1 beauty ... 6 etc). */
const badgeIdForCategory = (categoryId: number): number => categoryId;

/** Reads the log and derives everything from it: records and category badges. Nothing here is a counter. */
export function createParticipationService({ store, badges, clock, tzName }: ParticipationServiceDeps) {
  /** Awards, once and atomically, each category badge whose category reached 60 minutes this week. */
  async function awardWeeklyBadges(userId: number, now = clock.now()): Promise<number[]> {
    const { weekRange } = periodsAround(now, tzName);
    const entries = await store.listOverlapping(userId, weekRange.from, weekRange.to);
    return awardFrom(userId, weekMinutesByCategory(entries, now, tzName), now);
  }

  async function awardFrom(userId: number, weekMinutes: Map<number, number>, now: number): Promise<number[]> {
    const awarded: number[] = [];
    for (const categoryId of categoriesEarningBadges(weekMinutes)) {
      const badgeId = badgeIdForCategory(categoryId);
      // The cheap read spares a write transaction on every records read once the badge is owned.
      if (await badges.owns(userId, badgeId)) continue;
      if (await badges.award(userId, badgeId, new Date(now))) awarded.push(badgeId);
    }
    return awarded;
  }

  /** The contract's records for `userId` now, after awarding any category badge they show was earned. */
  async function recordsOf(userId: number): Promise<Records> {
    const now = clock.now();
    const { range } = periodsAround(now, tzName);
    const entries = await store.listOverlapping(userId, range.from, range.to);
    await awardFrom(userId, weekMinutesByCategory(entries, now, tzName), now);
    return computeRecords(userId, entries, now, tzName);
  }

  return { recordsOf, awardWeeklyBadges };
}
export type ParticipationService = ReturnType<typeof createParticipationService>;
