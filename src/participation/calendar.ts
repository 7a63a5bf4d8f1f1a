/**
 * Calendar days in a named time zone with nothing but Intl: the service counts days and weeks in
 * TZ_NAME, whatever the server's own zone is. A LocalDate is a wall-calendar date; the helpers below
 * find the instant (epoch ms) at which such a date begins in the zone, DST gaps included.
 */
export type LocalDate = { year: number; month: number; day: number };

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall-clock reading of `ms` in `tz`, expressed as if that reading were UTC (whole seconds). */
function wallClockAsUtc(ms: number, tz: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(tz).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** How far `tz` is ahead of UTC at instant `ms`. */
const offsetAt = (ms: number, tz: string): number => wallClockAsUtc(ms, tz) - Math.floor(ms / 1000) * 1000;

export function localDateOf(ms: number, tz: string): LocalDate {
  const wall = new Date(wallClockAsUtc(ms, tz));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

const serial = (d: LocalDate): number => Date.UTC(d.year, d.month - 1, d.day);

export const compareDates = (a: LocalDate, b: LocalDate): number => serial(a) - serial(b);

export const dateKey = (d: LocalDate): string =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export function addDays(d: LocalDate, days: number): LocalDate {
  const moved = new Date(serial(d) + days * 24 * HOUR_MS);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 0 = Monday ... 6 = Sunday: weeks start on Monday in the contract. */
export const mondayBasedWeekday = (d: LocalDate): number => (new Date(serial(d)).getUTCDay() + 6) % 7;

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The first instant of `date` in `tz`. Two offset corrections land on local midnight in every ordinary
 * case; when a DST change removes midnight itself (some zones jump 00:00 -> 01:00) the guess is off by the
 * jump, so the boundary is then found exactly by bisection on "which local date is this instant".
 */
export function startOfLocalDay(date: LocalDate, tz: string): number {
  const wall = serial(date);
  let t = wall - offsetAt(wall, tz);
  t = wall - offsetAt(t, tz);
  const isOnOrAfter = (ms: number) => compareDates(localDateOf(ms, tz), date) >= 0;
  if (isOnOrAfter(t) && !isOnOrAfter(t - 1)) return t;
  let lo = t - 3 * HOUR_MS; // before the boundary
  let hi = t + 3 * HOUR_MS; // on or after it
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (isOnOrAfter(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
