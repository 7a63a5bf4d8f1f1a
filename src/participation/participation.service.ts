import type { BadgesService } from '../badges/badges.service';
import type { Clock } from '../shared/clock';
import type { ParticipationStore } from './participation.store';
import { computeRecords, periodsAround, weekMinutesByCategory, type Records } from './records';

type ParticipationServiceDeps = {
  store: Pick<ParticipationStore, 'listOverlapping'>;
  badges: Pick<BadgesService, 'awardWeekly'>;
  clock: Clock;
  /** TZ_NAME: the zone whose midnights split days and whose Mondays start weeks. */
  tzName: string;
};

/** Reads the log and derives everything from it: records and category badges. Nothing here is a counter. */
export function createParticipationService({ store, badges, clock, tzName }: ParticipationServiceDeps) {
  /** Awards, once and atomically, each category badge this week's log earns (the rule: badges/badge-rules.ts). */
  async function awardWeeklyBadges(userId: number, now = clock.now()): Promise<number[]> {
    const { weekRange } = periodsAround(now, tzName);
    const entries = await store.listOverlapping(userId, weekRange.from, weekRange.to);
    return badges.awardWeekly(userId, weekMinutesByCategory(entries, now, tzName), new Date(now));
  }

  /** The contract's records for `userId` now, after awarding any category badge they show was earned. */
  async function recordsOf(userId: number): Promise<Records> {
    const now = clock.now();
    const { range } = periodsAround(now, tzName);
    const entries = await store.listOverlapping(userId, range.from, range.to);
    await badges.awardWeekly(userId, weekMinutesByCategory(entries, now, tzName), new Date(now));
    return computeRecords(userId, entries, now, tzName);
  }

  return { recordsOf, awardWeeklyBadges };
}
export type ParticipationService = ReturnType<typeof createParticipationService>;
