import type { BadgesRepo } from '../badges/badges.repo';
import type { Clock } from '../shared/clock';
import type { ParticipationStore } from './participation.store';
import { categoriesEarningBadges, computeRecords, periodsAround, weekMinutesByCategory, type Records } from './records';

type ParticipationServiceDeps = {
  store: Pick<ParticipationStore, 'listOverlapping'>;
  badges: Pick<BadgesRepo, 'ownedBy' | 'award'>;
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
    const earned = categoriesEarningBadges(weekMinutes).map(badgeIdForCategory);
    if (earned.length === 0) return [];
    // One read spares a write transaction per badge on every records read once the badges are owned.
    const owned = new Set((await badges.ownedBy(userId)).map((b) => b.id));
    const awarded: number[] = [];
    for (const badgeId of earned) {
      if (!owned.has(badgeId) && (await badges.award(userId, badgeId, new Date(now)))) awarded.push(badgeId);
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
