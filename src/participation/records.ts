import {
  addDays,
  compareDates,
  dateKey,
  daysInMonth,
  localDateOf,
  mondayBasedWeekday,
  startOfLocalDay,
  type LocalDate,
} from './calendar';
import { CATEGORY_KEYS, WEEKDAY_KEYS, type MonthItem, type Records, type TodayItem, type WeekdaysItem } from '../contract/records';
import type { ParticipationEntry } from './participation.store';

/**
 * Pure derivation of the contract's records from the participation log. Every presence is split at
 * local midnight (so a session crossing midnight, a week or a month credits each side), milliseconds are
 * summed per (day, category), and only then floored to whole minutes: short visits add up instead of each
 * being rounded away, and a figure never exceeds the time really spent.
 */
export { CATEGORY_KEYS, type CategoryKey, type MonthItem, type Records, type TodayItem, type WeekdaysItem } from '../contract/records';
export const CATEGORY_IDS = [1, 2, 3, 4, 5, 6] as const;

const MINUTE_MS = 60_000;

export type DayPiece = { date: LocalDate; ms: number };

/** The local days from `first` to `last` (inclusive), each with the instant it begins, plus the instant after `last`. */
type DayGrid = { dates: LocalDate[]; starts: number[] };

function dayGrid(first: LocalDate, last: LocalDate, tz: string): DayGrid {
  const dates: LocalDate[] = [];
  for (let d = first; compareDates(d, last) <= 0; d = addDays(d, 1)) dates.push(d);
  const starts = [...dates, addDays(last, 1)].map((d) => startOfLocalDay(d, tz));
  return { dates, starts };
}

/** Index of the grid day holding instant `ms` (the last start at or before it). */
function dayIndex(grid: DayGrid, ms: number): number {
  let lo = 0;
  let hi = grid.dates.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (grid.starts[mid]! <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Pieces of [start, end) per grid day; the grid must cover the whole span. */
function splitOnGrid(grid: DayGrid, start: number, end: number): DayPiece[] {
  const pieces: DayPiece[] = [];
  for (let i = dayIndex(grid, start); i < grid.dates.length && grid.starts[i]! < end; i++) {
    const ms = Math.min(end, grid.starts[i + 1]!) - Math.max(start, grid.starts[i]!);
    if (ms > 0) pieces.push({ date: grid.dates[i]!, ms });
  }
  return pieces;
}

/** Splits [start, end) into the pieces that fall on each local calendar day in `tz`. */
export function splitByLocalDay(start: number, end: number, tz: string): DayPiece[] {
  if (end <= start) return [];
  return splitOnGrid(dayGrid(localDateOf(start, tz), localDateOf(end - 1, tz), tz), start, end);
}

/** The time an entry covers: an open entry (leftAt null) counts up to `now`. */
export const entryEnd = (e: Pick<ParticipationEntry, 'leftAt'>, now: number): number => e.leftAt ?? now;

/** Milliseconds per "YYYY-MM-DD" then per category id, counting only time inside [from, to). */
export type DayTotals = Map<string, Map<number, number>>;

export function sumByDayAndCategory(entries: readonly ParticipationEntry[], from: number, to: number, now: number, tz: string): DayTotals {
  const totals: DayTotals = new Map();
  if (to <= from) return totals;
  // One grid for the whole range: finding each day's first instant costs Intl calls, so it is done once per read.
  const grid = dayGrid(localDateOf(from, tz), localDateOf(to - 1, tz), tz);
  for (const e of entries) {
    const start = Math.max(e.joinedAt, from);
    const end = Math.min(entryEnd(e, now), to);
    if (end <= start) continue;
    for (const piece of splitOnGrid(grid, start, end)) {
      const key = dateKey(piece.date);
      const day = totals.get(key) ?? new Map<number, number>();
      day.set(e.categoryId, (day.get(e.categoryId) ?? 0) + piece.ms);
      totals.set(key, day);
    }
  }
  return totals;
}

const msOf = (totals: DayTotals, date: LocalDate, categoryId: number): number => totals.get(dateKey(date))?.get(categoryId) ?? 0;
const toMinutes = (ms: number): number => Math.floor(ms / MINUTE_MS);

/** The calendar around `now`: today, this week's Monday..Sunday and this month's days, with their instants. */
export function periodsAround(now: number, tz: string) {
  const today = localDateOf(now, tz);
  const monday = addDays(today, -mondayBasedWeekday(today));
  const week = WEEKDAY_KEYS.map((_, i) => addDays(monday, i));
  const monthDays = Array.from({ length: daysInMonth(today.year, today.month) }, (_, i) => ({ ...today, day: i + 1 }));
  const first = compareDates(monday, monthDays[0]!) < 0 ? monday : monthDays[0]!;
  return {
    today,
    week,
    monthDays,
    /** Every instant any record of `now` can count: from the earlier of this week's Monday and the 1st to the end of today. */
    range: { from: startOfLocalDay(first, tz), to: startOfLocalDay(addDays(today, 1), tz) },
    weekRange: { from: startOfLocalDay(monday, tz), to: startOfLocalDay(addDays(monday, 7), tz) },
  };
}


/** Adds `more` into `into` (roll-up rows and live open entries meet here). */
export function addTotals(into: DayTotals, more: Iterable<{ day: string; categoryId: number; ms: number }>): DayTotals {
  for (const { day, categoryId, ms } of more) {
    const d = into.get(day) ?? new Map<number, number>();
    d.set(categoryId, (d.get(categoryId) ?? 0) + ms);
    into.set(day, d);
  }
  return into;
}

/** The contract's three records for `userId` at `now`, from entries overlapping `periodsAround(now).range`. */
export function computeRecords(userId: number, entries: readonly ParticipationEntry[], now: number, tz: string): Records {
  const p = periodsAround(now, tz);
  return recordsFromTotals(userId, sumByDayAndCategory(entries, p.range.from, p.range.to, now, tz), now, tz);
}

/** The same records from day totals already summed (the roll-up plus open entries) covering `periodsAround(now).range`. */
export function recordsFromTotals(userId: number, totals: DayTotals, now: number, tz: string): Records {
  const p = periodsAround(now, tz);

  const todayRecord = CATEGORY_IDS.map((categoryId, i) => ({
    categoryId,
    category: CATEGORY_KEYS[i]!,
    time: toMinutes(msOf(totals, p.today, categoryId)),
  }));

  const weekdaysRecord = CATEGORY_IDS.map((categoryId, i) => {
    const days = Object.fromEntries(WEEKDAY_KEYS.map((key, d) => [key, toMinutes(msOf(totals, p.week[d]!, categoryId))]));
    return { userId, category: CATEGORY_KEYS[i]!, ...days } as WeekdaysItem;
  });

  const lastUpdatedDate = new Date(now).toISOString();
  const monthRecord = Array.from({ length: 31 }, (_, i) => {
    const date = p.monthDays[i];
    const ms = date ? CATEGORY_IDS.reduce((sum, c) => sum + msOf(totals, date, c), 0) : 0;
    return { userId, date: i + 1, time: toMinutes(ms), lastUpdatedDate };
  });

  return { todayRecord, weekdaysRecord, monthRecord };
}

/** Whole minutes per category id over this week's days in `totals`, summed before flooring. */
export function weekMinutesFromTotals(totals: DayTotals, now: number, tz: string): Map<number, number> {
  const ms = new Map<number, number>();
  for (const date of periodsAround(now, tz).week) {
    for (const [c, v] of totals.get(dateKey(date)) ?? []) ms.set(c, (ms.get(c) ?? 0) + v);
  }
  return new Map([...ms].map(([c, v]) => [c, toMinutes(v)]));
}

/** Whole minutes per category id in this week (Monday 00:00 local to now), summed before flooring. */
export function weekMinutesByCategory(entries: readonly ParticipationEntry[], now: number, tz: string): Map<number, number> {
  const { weekRange } = periodsAround(now, tz);
  const ms = new Map<number, number>();
  for (const e of entries) {
    const covered = Math.min(entryEnd(e, now), weekRange.to) - Math.max(e.joinedAt, weekRange.from);
    if (covered > 0) ms.set(e.categoryId, (ms.get(e.categoryId) ?? 0) + covered);
  }
  return new Map([...ms].map(([c, v]) => [c, toMinutes(v)]));
}

