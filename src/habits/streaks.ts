import { addDays, dateKey, type LocalDate } from '../participation/calendar';

/**
 * Streaks, pure: a day counts when its minutes (every category, summed in milliseconds, then floored)
 * reach the goal. Today never breaks a streak: until it is over, the streak runs to yesterday, and today
 * joins it once met. The goal is the user's goal now, applied to every day (it is not kept per day).
 */
export type DayResult = { date: string; minutes: number; met: boolean };
export type Streak = { goalMinutes: number; current: number; longest: number; today: { minutes: number; met: boolean }; last7: DayResult[] };

const MINUTE_MS = 60_000;

/** `msByDay`: milliseconds per "YYYY-MM-DD" (days after `today` are ignored). */
export function computeStreak(msByDay: ReadonlyMap<string, number>, today: LocalDate, goalMinutes: number): Streak {
  const minutesOn = (d: LocalDate) => Math.floor((msByDay.get(dateKey(d)) ?? 0) / MINUTE_MS);
  const met = (d: LocalDate) => minutesOn(d) >= goalMinutes;

  let current = 0;
  for (let d = met(today) ? today : addDays(today, -1); met(d); d = addDays(d, -1)) current++;

  const todayKey = dateKey(today);
  const metDays = [...msByDay.keys()].filter((k) => k <= todayKey && Math.floor(msByDay.get(k)! / MINUTE_MS) >= goalMinutes).sort();
  let longest = 0;
  let run = 0;
  let previous: string | undefined;
  for (const key of metDays) {
    run = previous !== undefined && dateKey(addDays(parseDay(previous), 1)) === key ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = key;
  }

  const last7 = Array.from({ length: 7 }, (_, i) => addDays(today, i - 6)).map((d) => ({ date: dateKey(d), minutes: minutesOn(d), met: met(d) }));
  return { goalMinutes, current, longest: Math.max(longest, current), today: { minutes: minutesOn(today), met: met(today) }, last7 };
}

export function parseDay(key: string): LocalDate {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}
