import { BUG_REPORT_BADGE, WELCOME_BADGE, badgesToAward, streakBadges, weeklyCategoryBadges } from './badge-rules';
import type { BadgesRepo } from './badges.repo';

type BadgesServiceDeps = {
  repo: Pick<BadgesRepo, 'ownedBy' | 'award' | 'awardFromStock'>;
};

/** Awards badges by the rules in badge-rules.ts; every award is at most once per user and atomic (the repo). */
export function createBadgesService({ repo }: BadgesServiceDeps) {
  /** The one welcome path, for local and Kakao log-in alike. Returns whether this log-in got the badge. */
  async function welcomeOnLogIn(userId: number): Promise<boolean> {
    return repo.awardFromStock(userId, WELCOME_BADGE);
  }

  /** Awards the category badges a week's minutes per category earned; returns those this call awarded. */
  async function awardWeekly(userId: number, weekMinutes: ReadonlyMap<number, number>, at: Date): Promise<number[]> {
    return awardEarned(userId, weeklyCategoryBadges(weekMinutes), at);
  }

  /** Awards the streak badges (10, 11) a longest run of met days earned; returns those this call awarded. */
  async function awardStreak(userId: number, longestRun: number, at: Date): Promise<number[]> {
    return awardEarned(userId, streakBadges(longestRun), at);
  }

  async function awardEarned(userId: number, earned: number[], at: Date): Promise<number[]> {
    if (earned.length === 0) return [];
    // One read spares a write transaction per badge on every records read once the badges are owned.
    const missing = badgesToAward(earned, (await repo.ownedBy(userId)).map((b) => b.id));
    const awarded: number[] = [];
    for (const badgeId of missing) if (await repo.award(userId, badgeId, at)) awarded.push(badgeId);
    return awarded;
  }

  /** An admin's thanks for a bug report or a review. Returns whether this call awarded it (false: already owned). */
  async function awardBugReport(userId: number): Promise<boolean> {
    return repo.award(userId, BUG_REPORT_BADGE);
  }

  return { welcomeOnLogIn, awardWeekly, awardStreak, awardBugReport };
}
export type BadgesService = ReturnType<typeof createBadgesService>;
