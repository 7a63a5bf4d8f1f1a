import type { Records } from '../api';
import { badgeProgress, calendarWeeks, heatColor, heatLevel, monthCalendar, monthTotal, serviceToday, todayTotal, weekSeries, weekTotal } from './records-view';

const empty: Records = { todayRecord: [], weekdaysRecord: [], monthRecord: [] };
const week = (category: Records['weekdaysRecord'][number]['category'], mon: number, sun: number) => ({
  userId: 1,
  category,
  mon,
  tue: 0,
  wed: 0,
  thur: 0,
  fri: 0,
  sat: 0,
  sun,
});
const day = (date: number, time: number) => ({ userId: 1, date, time, lastUpdatedDate: '2026-02-01' });

describe('todayTotal', () => {
  test('sums every category of today', () => {
    const records: Records = {
      ...empty,
      todayRecord: [
        { categoryId: 1, category: 'beauty', time: 15 },
        { categoryId: 3, category: 'study', time: 45 },
      ],
    };
    expect(todayTotal(records)).toBe(60);
  });

  test('no records make 0', () => {
    expect(todayTotal(empty)).toBe(0);
  });
});

describe('weekSeries', () => {
  test('six series in contract order, Monday first, a missing category all zeros', () => {
    const series = weekSeries({ ...empty, weekdaysRecord: [week('study', 30, 90), week('beauty', 5, 0)] });
    expect(series.map((s) => s.category)).toEqual(['beauty', 'sports', 'study', 'counseling', 'culture', 'etc']);
    expect(series[0]!.minutes).toEqual([5, 0, 0, 0, 0, 0, 0]);
    expect(series[1]!.minutes).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(series[2]!.minutes).toEqual([30, 0, 0, 0, 0, 0, 90]);
  });
});

describe('heatColor', () => {
  test('four shades split at 1 minute, 60 and 120', () => {
    expect([0, 1, 59, 60, 119, 120, 600].map(heatColor)).toEqual(['#FFFFFF', '#E3E5FF', '#E3E5FF', '#BCC0FF', '#BCC0FF', '#8E94F2', '#8E94F2']);
  });
});

describe('monthCalendar', () => {
  test('a leap February has 29 days; the server entries past the end are dropped', () => {
    const records: Records = { ...empty, monthRecord: Array.from({ length: 31 }, (_, i) => day(i + 1, i + 1)) };
    const cells = monthCalendar(records, 2024, 2);
    expect(cells).toHaveLength(29);
    expect(cells.at(-1)).toMatchObject({ day: 29, minutes: 29 });
    expect(monthCalendar(records, 2026, 2)).toHaveLength(28);
  });

  test('columns run Monday to Sunday: a month starting on a Sunday puts day 1 in the last column', () => {
    // 1 September 2024 was a Sunday.
    const cells = monthCalendar(empty, 2024, 9);
    expect(cells[0]).toEqual({ day: 1, minutes: 0, column: 6, row: 0 });
    expect(cells[1]).toEqual({ day: 2, minutes: 0, column: 0, row: 1 });
    expect(cells.at(-1)).toEqual({ day: 30, minutes: 0, column: 0, row: 5 });
  });

  test('a month starting on a Monday begins at column 0, row 0', () => {
    // 1 January 2024 was a Monday.
    const cells = monthCalendar(empty, 2024, 1);
    expect(cells[0]).toMatchObject({ column: 0, row: 0 });
    expect(cells[30]).toMatchObject({ day: 31, column: 2, row: 4 });
  });

  test('days without an entry read 0 minutes', () => {
    const cells = monthCalendar({ ...empty, monthRecord: [day(15, 120)] }, 2026, 3);
    expect(cells[14]!.minutes).toBe(120);
    expect(cells.filter((c) => c.minutes > 0)).toHaveLength(1);
  });
});

describe('totals, levels and badge progress', () => {
  const records: Records = {
    todayRecord: [],
    weekdaysRecord: [week('beauty', 30, 40), week('study', 10, 0)],
    monthRecord: [day(1, 30), day(2, 90), day(31, 500)],
  };
  test('the week total adds every category and day', () => {
    expect(weekTotal(records)).toBe(80);
    expect(weekTotal(empty)).toBe(0);
  });
  test('the month total counts only the month\'s real days (February has no 31st)', () => {
    expect(monthTotal(records, 2026, 2)).toBe(120);
    expect(monthTotal(records, 2026, 1)).toBe(620);
  });
  test('heat levels follow the shades: none, some, an hour, two hours', () => {
    expect([0, 1, 59, 60, 119, 120].map(heatLevel)).toEqual([0, 1, 1, 2, 2, 3]);
  });
  test('badge progress is this week\'s minutes per category, done at 60', () => {
    const progress = badgeProgress(records);
    expect(progress.map((p) => p.badgeId)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress[0]).toEqual({ badgeId: 1, category: 'beauty', minutes: 70, done: true });
    expect(progress[2]).toEqual({ badgeId: 3, category: 'study', minutes: 10, done: false });
  });
  test('calendar weeks put each day under its weekday, Monday first', () => {
    // February 2026 starts on a Sunday: the first week has six empty cells.
    const weeks = calendarWeeks(monthCalendar(empty, 2026, 2));
    expect(weeks[0]!.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(weeks[0]![6]!.day).toBe(1);
    expect(weeks.flat().filter(Boolean)).toHaveLength(28);
  });
});

describe('serviceToday', () => {
  test('reads the server\'s instant in Seoul: 23:10 UTC is already the next day there', () => {
    const records: Records = { ...empty, monthRecord: [{ userId: 1, date: 1, time: 0, lastUpdatedDate: '2026-12-01T23:10:00.000Z' }] };
    expect(serviceToday(records)).toEqual({ year: 2026, month: 12, day: 2 });
    expect(serviceToday(records, 0, 'UTC')).toEqual({ year: 2026, month: 12, day: 1 });
  });
  test('without records it falls back to the given instant', () => {
    expect(serviceToday(null, Date.parse('2026-03-31T16:00:00.000Z'))).toEqual({ year: 2026, month: 4, day: 1 });
  });
});
