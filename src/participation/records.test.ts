import fc from 'fast-check';
import { localDateOf, startOfLocalDay } from './calendar';
import type { ParticipationEntry } from './participation.store';
import { weeklyCategoryBadges } from '../badges/badge-rules';
import { computeRecords, splitByLocalDay, weekMinutesByCategory } from './records';

const SEOUL = 'Asia/Seoul';
const MIN = 60_000;
const HOUR = 60 * MIN;
/** An instant given as Seoul wall-clock time (UTC+9 all year, no DST). */
const kst = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 9, mi, s);

let seq = 0;
const entry = (categoryId: number, joinedAt: number, leftAt: number | null): ParticipationEntry => ({
  id: `e${++seq}`,
  userId: 7,
  roomId: 1,
  categoryId,
  joinedAt,
  leftAt,
  heartbeatAt: leftAt ?? joinedAt,
});

const dayMinutes = (pieces: ReturnType<typeof splitByLocalDay>) =>
  pieces.map((p) => [`${p.date.year}-${p.date.month}-${p.date.day}`, p.ms / MIN]);

describe('splitByLocalDay', () => {
  it.each([
    ['inside one day', kst(2026, 1, 5, 9), kst(2026, 1, 5, 10, 30), SEOUL, [['2026-1-5', 90]]],
    ['across midnight', kst(2026, 1, 5, 23, 30), kst(2026, 1, 6, 0, 30), SEOUL, [['2026-1-5', 30], ['2026-1-6', 30]]],
    ['ending exactly at midnight', kst(2026, 1, 5, 23), kst(2026, 1, 6), SEOUL, [['2026-1-5', 60]]],
    ['longer than a day', kst(2026, 3, 1, 22), kst(2026, 3, 3, 2), SEOUL, [['2026-3-1', 120], ['2026-3-2', 1440], ['2026-3-3', 120]]],
    ['across a month end', kst(2026, 1, 31, 23, 30), kst(2026, 2, 1, 0, 45), SEOUL, [['2026-1-31', 30], ['2026-2-1', 45]]],
    ['across a year end', kst(2026, 12, 31, 23), kst(2027, 1, 1, 1), SEOUL, [['2026-12-31', 60], ['2027-1-1', 60]]],
    ['at UTC midnight, which is 09:00 in Seoul', Date.UTC(2026, 0, 5, 23, 30), Date.UTC(2026, 0, 6, 0, 30), SEOUL, [['2026-1-6', 60]]],
    ['at UTC midnight, counted in UTC', Date.UTC(2026, 0, 5, 23, 30), Date.UTC(2026, 0, 6, 0, 30), 'UTC', [['2026-1-5', 30], ['2026-1-6', 30]]],
    ['over a 23-hour DST day (New York, spring forward)', Date.UTC(2026, 2, 8, 5), Date.UTC(2026, 2, 9, 4), 'America/New_York', [['2026-3-8', 1380]]],
    ['over a 25-hour DST day (New York, fall back)', Date.UTC(2026, 10, 1, 4), Date.UTC(2026, 10, 2, 5), 'America/New_York', [['2026-11-1', 1500]]],
    ['over a midnight that DST skips (Santiago)', Date.UTC(2026, 8, 6, 3, 30), Date.UTC(2026, 8, 6, 4, 30), 'America/Santiago', [['2026-9-5', 30], ['2026-9-6', 30]]],
    ['of zero length', kst(2026, 1, 5, 9), kst(2026, 1, 5, 9), SEOUL, []],
  ])('a session %s', (_name, start, end, tz, expected) => {
    expect(dayMinutes(splitByLocalDay(start, end, tz))).toEqual(expected);
  });

  it('finds the first instant of a day whose midnight DST skips', () => {
    const start = startOfLocalDay({ year: 2026, month: 9, day: 6 }, 'America/Santiago');
    expect(start).toBe(Date.UTC(2026, 8, 6, 4));
    expect(localDateOf(start - 1, 'America/Santiago')).toEqual({ year: 2026, month: 9, day: 5 });
  });
});

describe('computeRecords', () => {
  const week = (r: ReturnType<typeof computeRecords>, category: string) => r.weekdaysRecord.find((w) => w.category === category)!;
  const month = (r: ReturnType<typeof computeRecords>, date: number) => r.monthRecord[date - 1]!.time;

  it('has the contract shape: 6 today items, 6 week items in category order with thur, 31 month items', () => {
    const now = kst(2026, 1, 7, 10);
    const r = computeRecords(7, [], now, SEOUL);
    expect(r.todayRecord.map((t) => [t.categoryId, t.category, t.time])).toEqual([
      [1, 'beauty', 0], [2, 'sports', 0], [3, 'study', 0], [4, 'counseling', 0], [5, 'culture', 0], [6, 'etc', 0],
    ]);
    expect(r.weekdaysRecord.map((w) => w.category)).toEqual(['beauty', 'sports', 'study', 'counseling', 'culture', 'etc']);
    expect(r.weekdaysRecord[0]).toEqual({ userId: 7, category: 'beauty', mon: 0, tue: 0, wed: 0, thur: 0, fri: 0, sat: 0, sun: 0 });
    expect(r.monthRecord).toHaveLength(31);
    expect(r.monthRecord[30]).toEqual({ userId: 7, date: 31, time: 0, lastUpdatedDate: new Date(now).toISOString() });
  });

  it('splits a Sunday-to-Monday session: Monday is in this week, Sunday in the last one', () => {
    const r = computeRecords(7, [entry(3, kst(2026, 1, 4, 23), kst(2026, 1, 5, 1))], kst(2026, 1, 5, 12), SEOUL);
    expect(week(r, 'study')).toMatchObject({ mon: 60, sun: 0 });
    expect([month(r, 4), month(r, 5)]).toEqual([60, 60]);
    expect(r.todayRecord[2]!.time).toBe(60);
  });

  it('credits Sunday at the end of the week (Monday first)', () => {
    const r = computeRecords(7, [entry(1, kst(2026, 1, 11, 10), kst(2026, 1, 11, 10, 25))], kst(2026, 1, 11, 20), SEOUL);
    expect(week(r, 'beauty')).toMatchObject({ mon: 0, sun: 25 });
  });

  it('splits a month-end session: the new month counts only its own part, the week counts both', () => {
    // 2026-02-01 is a Sunday, so Saturday Jan 31 and Sunday Feb 1 are in the same week.
    const r = computeRecords(7, [entry(2, kst(2026, 1, 31, 23, 30), kst(2026, 2, 1, 0, 45))], kst(2026, 2, 1, 10), SEOUL);
    expect(month(r, 1)).toBe(45);
    expect(month(r, 31)).toBe(0);
    expect(week(r, 'sports')).toMatchObject({ sat: 30, sun: 45 });
  });

  it.each([
    ['February of a common year', 2026, 2, 28],
    ['February of a leap year', 2028, 2, 29],
    ['a 30-day month', 2026, 4, 30],
    ['a 31-day month', 2026, 3, 31],
  ])('in %s, days past the month end are 0 and the last day counts', (_name, year, mo, lastDay) => {
    const sessions = [entry(6, kst(year, mo, lastDay, 20), kst(year, mo, lastDay, 21)), entry(6, kst(year, mo, 1, 8), kst(year, mo, 1, 8, 10))];
    const r = computeRecords(7, sessions, kst(year, mo, lastDay, 22), SEOUL);
    expect(month(r, 1)).toBe(10);
    expect(month(r, lastDay)).toBe(60);
    expect(r.monthRecord.slice(lastDay).every((m) => m.time === 0)).toBe(true);
    expect(r.monthRecord.map((m) => m.date)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
  });

  it('on March 1st, a session from February 28th credits March only with the time after midnight', () => {
    const r = computeRecords(7, [entry(3, kst(2026, 2, 28, 23), kst(2026, 3, 1, 0, 20))], kst(2026, 3, 1, 9), SEOUL);
    expect(month(r, 1)).toBe(20);
    expect(month(r, 28)).toBe(0);
  });

  it('counts an open entry up to now, split at midnight', () => {
    const now = kst(2026, 1, 7, 1, 30);
    const r = computeRecords(7, [entry(4, kst(2026, 1, 6, 23), null)], now, SEOUL);
    expect(week(r, 'counseling')).toMatchObject({ tue: 60, wed: 90 });
    expect(r.todayRecord[3]!.time).toBe(90);
  });

  it('sums milliseconds per day and category before flooring to whole minutes', () => {
    const base = kst(2026, 1, 7, 9);
    const visits = [0, 1, 2].map((i) => entry(5, base + i * HOUR, base + i * HOUR + 40_000));
    const r = computeRecords(7, [...visits, entry(1, base, base + 59_999)], kst(2026, 1, 7, 18), SEOUL);
    expect(r.todayRecord[4]!.time).toBe(2);
    expect(r.todayRecord[0]!.time).toBe(0);
  });

  it('ignores categories outside 1..6 and time outside this week and month', () => {
    const r = computeRecords(7, [entry(9, kst(2026, 1, 7, 9), kst(2026, 1, 7, 10)), entry(3, kst(2025, 12, 20, 9), kst(2025, 12, 20, 10))], kst(2026, 1, 7, 12), SEOUL);
    expect(r.monthRecord.every((m) => m.time === 0)).toBe(true);
    expect(r.weekdaysRecord.every((w) => w.mon + w.tue + w.wed === 0)).toBe(true);
  });
});

describe('weekly category badges', () => {
  const now = kst(2026, 1, 9, 12); // a Friday
  it.each([
    ['59 min 59 s this week', [entry(1, kst(2026, 1, 6, 9), kst(2026, 1, 6, 9) + 60 * MIN - 1000)], []],
    ['60 minutes spread over two days', [entry(1, kst(2026, 1, 6, 9), kst(2026, 1, 6, 9, 30)), entry(1, kst(2026, 1, 8, 9), kst(2026, 1, 8, 9, 30))], [1]],
    ['60 minutes last week', [entry(2, kst(2026, 1, 2, 9), kst(2026, 1, 2, 10))], []],
    ['a session from Sunday night, counted from Monday 00:00', [entry(3, kst(2026, 1, 4, 23), kst(2026, 1, 5, 0, 59))], []],
    ['an open entry that reached an hour', [entry(6, now - 61 * MIN, null)], [6]],
    ['30 minutes in each of two categories', [entry(4, kst(2026, 1, 6, 9), kst(2026, 1, 6, 9, 30)), entry(5, kst(2026, 1, 6, 10), kst(2026, 1, 6, 10, 30))], []],
  ])('%s', (_name, entries, expected) => {
    expect(weeklyCategoryBadges(weekMinutesByCategory(entries, now, SEOUL))).toEqual(expected);
  });
});

describe('splitByLocalDay properties', () => {
  it('loses and invents nothing: the pieces add up to the session and each lies on one local day', () => {
    const zones = ['Asia/Seoul', 'UTC', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 0, max: 5 * 24 * HOUR }),
        fc.constantFrom(...zones),
        (start, length, tz) => {
          const pieces = splitByLocalDay(start, start + length, tz);
          expect(pieces.reduce((sum, p) => sum + p.ms, 0)).toBe(length);
          let cursor = start;
          for (const p of pieces) {
            expect(localDateOf(cursor, tz)).toEqual(p.date);
            expect(localDateOf(cursor + p.ms - 1, tz)).toEqual(p.date);
            cursor += p.ms;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
