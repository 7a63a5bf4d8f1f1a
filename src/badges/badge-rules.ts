/**
 * Which badges a user earns, from facts the caller gathers (minutes per category this week, what they
 * own, the stock left). Pure: no clock, no database; badges.service does the reading and the awarding.
 */

/** Ids of the seeded catalogue (seeders/…-categories-and-badges.js): 1..6 are the category badges. */
export const BADGE = { firstCome: 7, reviewer: 8, lock: 9, streak7: 10, streak30: 11 } as const;

/** Days in a row with the daily goal met that earn each streak badge. */
export const STREAK_BADGES: readonly { days: number; badgeId: number }[] = [
  { days: 7, badgeId: BADGE.streak7 },
  { days: 30, badgeId: BADGE.streak30 },
];

/** The streak badges a longest run of met days earns (a run, once reached, keeps its badge). */
export function streakBadges(longestRun: number): number[] {
  return STREAK_BADGES.filter((b) => longestRun >= b.days).map((b) => b.badgeId);
}

/** Minutes in one category within one week (Monday first, in TZ_NAME) that earn that category's badge. */
export const WEEKLY_CATEGORY_MINUTES = 60;

/** Category badge N belongs to category N (1 beauty … 6 etc); other categories have no badge. */
const CATEGORY_BADGES: ReadonlyMap<number, number> = new Map([1, 2, 3, 4, 5, 6].map((c) => [c, c]));

/** The category badges that a week's minutes per category earn, in category order. */
export function weeklyCategoryBadges(weekMinutes: ReadonlyMap<number, number>): number[] {
  return [...CATEGORY_BADGES].filter(([categoryId]) => (weekMinutes.get(categoryId) ?? 0) >= WEEKLY_CATEGORY_MINUTES).map(([, badgeId]) => badgeId);
}

/** Of the badges earned, the ones still to give: a badge is owned at most once. */
export function badgesToAward(earned: readonly number[], owned: Iterable<number>): number[] {
  const have = new Set(owned);
  return earned.filter((id) => !have.has(id));
}

/**
 * The welcome badge: every log-in (local or Kakao; guests never log in) asks for firstCome, which only the
 * first 100 get. It is given from the badge's stock, so it goes while stock is left.
 */
export const WELCOME_BADGE = BADGE.firstCome;

/** The badge an admin gives for a bug report or a review. */
export const BUG_REPORT_BADGE = BADGE.reviewer;

/** Whether a badge's stock allows one more award (`null`: the badge is not limited). */
export const stockAllows = (left: number | null): boolean => left === null || left > 0;
