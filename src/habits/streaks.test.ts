import { computeStreak } from './streaks';

const MIN = 60_000;
const days = (entries: Record<string, number>) => new Map(Object.entries(entries).map(([d, minutes]) => [d, minutes * MIN]));
const today = { year: 2026, month: 3, day: 10 };

describe('computeStreak', () => {
  it('when nothing was ever done, every figure is zero and last7 lists the 7 days ending today, oldest first', () => {
    const s = computeStreak(new Map(), today, 30);
    expect(s).toMatchObject({ goalMinutes: 30, current: 0, longest: 0, today: { minutes: 0, met: false } });
    expect(s.last7.map((d) => d.date)).toEqual(['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
  });

  it('when today is not met yet, the streak still runs to yesterday', () => {
    const s = computeStreak(days({ '2026-03-07': 30, '2026-03-08': 45, '2026-03-09': 31, '2026-03-10': 10 }), today, 30);
    expect(s.current).toBe(3);
    expect(s.today).toEqual({ minutes: 10, met: false });
  });

  it('when today is met, it joins the streak', () => {
    expect(computeStreak(days({ '2026-03-09': 30, '2026-03-10': 30 }), today, 30).current).toBe(2);
  });

  it('when a day was missed, the streak starts after it; the longest run is kept', () => {
    const s = computeStreak(days({ '2026-03-01': 40, '2026-03-02': 40, '2026-03-03': 40, '2026-03-04': 40, '2026-03-06': 40, '2026-03-09': 40, '2026-03-10': 40 }), today, 30);
    expect(s).toMatchObject({ current: 2, longest: 4 });
  });

  it('when yesterday was missed and today is not met, the streak is 0', () => {
    expect(computeStreak(days({ '2026-03-08': 60, '2026-03-10': 5 }), today, 30).current).toBe(0);
  });

  it('counts a day only when its minutes, floored, reach the goal; runs cross month and year ends', () => {
    const ms = new Map([['2025-12-31', 30 * MIN], ['2026-01-01', 30 * MIN - 1], ['2026-01-02', 30 * MIN]]);
    expect(computeStreak(ms, { year: 2026, month: 1, day: 2 }, 30)).toMatchObject({ current: 1, longest: 1 });
    const crossing = days({ '2025-12-30': 30, '2025-12-31': 30, '2026-01-01': 30 });
    expect(computeStreak(crossing, { year: 2026, month: 1, day: 1 }, 30)).toMatchObject({ current: 3, longest: 3 });
  });

  it('ignores days after today (a clock moved back)', () => {
    expect(computeStreak(days({ '2026-03-11': 60, '2026-03-12': 60 }), today, 30)).toMatchObject({ current: 0, longest: 0 });
  });
});
