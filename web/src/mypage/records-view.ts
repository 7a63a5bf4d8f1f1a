import { WEEKDAY_KEYS, type Records } from '../api';

/** The six categories in contract order, with one colour each (shared by the pie and the bars). */
export const CATEGORY_ORDER = ['beauty', 'sports', 'study', 'counseling', 'culture', 'etc'] as const;
export const CATEGORY_COLORS: Record<string, string> = {
  beauty: '#F28DB2',
  sports: '#7BC67B',
  study: '#8E94F2',
  counseling: '#F2C14E',
  culture: '#5EC8E0',
  etc: '#B0B0B0',
};

export function todayTotal(records: Records): number {
  return records.todayRecord.reduce((sum, r) => sum + (Number(r.time) || 0), 0);
}

/** Stacked bars: one dataset per category, Monday first (the service's weeks start on Monday). */
export function weekSeries(records: Records) {
  return CATEGORY_ORDER.map((category) => {
    const row = records.weekdaysRecord.find((r) => r.category === category);
    return { category, minutes: WEEKDAY_KEYS.map((day) => Number(row?.[day] ?? 0)) };
  });
}

/** The original's four shades: none, some, an hour, two hours. */
export function heatColor(minutes: number): string {
  if (minutes >= 120) return '#8E94F2';
  if (minutes >= 60) return '#BCC0FF';
  if (minutes > 0) return '#E3E5FF';
  return '#FFFFFF';
}

export type CalendarCell = { day: number; minutes: number; column: number; row: number };

/**
 * The month as a calendar: column 0-6 = Monday-Sunday, row = the week of the month. `year`/`month` (1-12) are
 * the viewer's current month; the server's 31 entries beyond the month's end are dropped.
 */
export function monthCalendar(records: Records, year: number, month: number): CalendarCell[] {
  const days = new Date(year, month, 0).getDate();
  const firstColumn = (new Date(year, month - 1, 1).getDay() + 6) % 7;
  const cells: CalendarCell[] = [];
  for (let day = 1; day <= days; day++) {
    const index = firstColumn + day - 1;
    const minutes = Number(records.monthRecord.find((r) => Number(r.date) === day)?.time ?? 0);
    cells.push({ day, minutes, column: index % 7, row: Math.floor(index / 7) });
  }
  return cells;
}

/** Minutes this week, every category and every day together. */
export function weekTotal(records: Records): number {
  return weekSeries(records).reduce((sum, s) => sum + s.minutes.reduce((a, b) => a + b, 0), 0);
}

/** Minutes this month, over the month's real days only. */
export function monthTotal(records: Records, year: number, month: number): number {
  return monthCalendar(records, year, month).reduce((sum, c) => sum + c.minutes, 0);
}

/** The calendar's four shades as a level 0-3, the same steps as heatColor (for the legend). */
export function heatLevel(minutes: number): 0 | 1 | 2 | 3 {
  if (minutes >= 120) return 3;
  if (minutes >= 60) return 2;
  if (minutes > 0) return 1;
  return 0;
}

/** Minutes a category badge needs in one week (docs/contract.md: category badges 1-6). */
export const WEEKLY_BADGE_MINUTES = 60;

/** This week's minutes per category, toward its badge (badge id = category id, 1-6, in CATEGORY_ORDER). */
export function badgeProgress(records: Records) {
  return weekSeries(records).map((s, i) => {
    const minutes = s.minutes.reduce((a, b) => a + b, 0);
    return { badgeId: i + 1, category: s.category, minutes, done: minutes >= WEEKLY_BADGE_MINUTES };
  });
}

/** Calendar rows for a table: weeks of 7 cells, Monday first, null where the month has no day. */
export function calendarWeeks(cells: CalendarCell[]): (CalendarCell | null)[][] {
  const rows = Math.max(0, ...cells.map((c) => c.row)) + 1;
  const weeks: (CalendarCell | null)[][] = Array.from({ length: rows }, () => Array<CalendarCell | null>(7).fill(null));
  for (const c of cells) weeks[c.row]![c.column] = c;
  return weeks;
}

/**
 * The service's days are those of its TZ_NAME (default Asia/Seoul; the server does not send it), not the
 * browser's: a visitor abroad would otherwise see Seoul's minutes under the wrong day.
 */
export const SERVICE_TIME_ZONE = 'Asia/Seoul';

/** Today as the records count it: the server's instant (`lastUpdatedDate`) read in the service's time zone. */
export function serviceToday(records: Records | null, fallbackNow = Date.now(), timeZone = SERVICE_TIME_ZONE) {
  const stamp = records?.monthRecord[0]?.lastUpdatedDate;
  const instant = stamp && !Number.isNaN(Date.parse(stamp)) ? Date.parse(stamp) : fallbackNow;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}
