import { endDeltas, periodDeltas, periodKey } from './rollup';

const kst = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h - 9, mi);
const MIN = 60_000;

describe('roll-up deltas', () => {
  it('when an end moves later, only the span added is split by local day; an earlier or equal end adds nothing', () => {
    const e = { userId: 1, categoryId: 2, joinedAt: kst(2026, 3, 1, 23, 0) };
    expect(endDeltas(e, null, kst(2026, 3, 2, 0, 30), 'Asia/Seoul')).toEqual([
      { userId: 1, day: '2026-03-01', categoryId: 2, ms: 60 * MIN },
      { userId: 1, day: '2026-03-02', categoryId: 2, ms: 30 * MIN },
    ]);
    expect(endDeltas(e, kst(2026, 3, 2, 0, 30), kst(2026, 3, 2, 0, 40), 'Asia/Seoul')).toEqual([{ userId: 1, day: '2026-03-02', categoryId: 2, ms: 10 * MIN }]);
    expect(endDeltas(e, kst(2026, 3, 2, 0, 30), kst(2026, 3, 2, 0, 30), 'Asia/Seoul')).toEqual([]);
  });

  it('keys weeks by their Monday and months by year-month, and adds each day to its category and to all (0)', () => {
    expect(periodKey('week', '2026-03-01')).toBe('W2026-02-23');
    expect(periodKey('week', '2026-03-02')).toBe('W2026-03-02');
    expect(periodKey('month', '2026-03-31')).toBe('M2026-03');
    const out = periodDeltas([
      { userId: 1, day: '2026-03-01', categoryId: 2, ms: 5 },
      { userId: 1, day: '2026-03-02', categoryId: 3, ms: 7 },
    ]);
    expect(out).toEqual(expect.arrayContaining([
      { period: 'W2026-02-23', categoryId: 2, userId: 1, ms: 5 },
      { period: 'W2026-03-02', categoryId: 0, userId: 1, ms: 7 },
      { period: 'M2026-03', categoryId: 0, userId: 1, ms: 12 },
      { period: 'M2026-03', categoryId: 3, userId: 1, ms: 7 },
    ]));
    expect(out).toHaveLength(7);
  });
});
