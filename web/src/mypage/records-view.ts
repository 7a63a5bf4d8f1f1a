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
