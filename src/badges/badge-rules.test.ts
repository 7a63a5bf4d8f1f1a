import { BADGE, BUG_REPORT_BADGE, WEEKLY_CATEGORY_MINUTES, WELCOME_BADGE, badgesToAward, stockAllows, streakBadges, weeklyCategoryBadges } from './badge-rules';

const minutes = (entries: [categoryId: number, minutes: number][]) => new Map(entries);

describe('weeklyCategoryBadges', () => {
  it.each([
    ['no time this week', [], []],
    ['59 minutes in one category', [[1, 59]], []],
    ['exactly 60 minutes in one category', [[1, WEEKLY_CATEGORY_MINUTES]], [1]],
    ['30 minutes in each of two categories (the hour must be in one)', [[4, 30], [5, 30]], []],
    ['an hour in several categories, in category order', [[6, 200], [2, 61], [3, 10]], [2, 6]],
    ['an hour in a category without a badge', [[9, 120], [0, 120]], []],
  ] as [string, [number, number][], number[]][])('%s earns %j', (_name, week, expected) => {
    expect(weeklyCategoryBadges(minutes(week))).toEqual(expected);
  });

  it('gives category N the badge N of the seeded catalogue, never one of the special badges', () => {
    const all = weeklyCategoryBadges(minutes([1, 2, 3, 4, 5, 6].map((c) => [c, 60])));
    expect(all).toEqual([1, 2, 3, 4, 5, 6]);
    expect(all).not.toEqual(expect.arrayContaining([BADGE.firstCome, BADGE.reviewer, BADGE.lock]));
  });
});

describe('badgesToAward', () => {
  it('keeps the earned badges the user does not own yet, in their order', () => {
    expect(badgesToAward([1, 3, 6], [3, BADGE.firstCome])).toEqual([1, 6]);
  });
  it('is empty once everything earned is owned', () => {
    expect(badgesToAward([2], new Set([2]))).toEqual([]);
  });
});

describe('the welcome and bug-report badges', () => {
  it('welcomes with firstCome and thanks for a bug report with reviewer', () => {
    expect(WELCOME_BADGE).toBe(BADGE.firstCome);
    expect(BUG_REPORT_BADGE).toBe(BADGE.reviewer);
  });
  it.each([
    [null, true],
    [100, true],
    [1, true],
    [0, false],
    [-1, false],
  ])('a stock of %p allows another award: %p', (left, allowed) => {
    expect(stockAllows(left)).toBe(allowed);
  });
});

describe('streakBadges', () => {
  it('earns streak7 (10) from a 7-day run and streak30 (11) from a 30-day run, nothing below', () => {
    expect(streakBadges(6)).toEqual([]);
    expect(streakBadges(7)).toEqual([10]);
    expect(streakBadges(29)).toEqual([10]);
    expect(streakBadges(30)).toEqual([10, 11]);
  });
});
