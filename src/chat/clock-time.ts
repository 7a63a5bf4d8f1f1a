/**
 * One formatter per time zone, made once, and its last answer kept for the minute it covers. Building an
 * Intl.DateTimeFormat costs about 100 times a format() call (it was 44% of the server's CPU under the
 * chat benchmark when made per message), and format() itself was still 5% until reused within a minute.
 * "HH:MM" can only change on a whole UTC minute because every current zone is offset by whole minutes.
 */
const clockFormats = new Map<string, { format: Intl.DateTimeFormat; minute: number; text: string }>();

/** "HH:MM" in the service time zone: the original client shows the server's time, not its own. */
export function clockTime(epochMs: number, timeZone: string): string {
  let clock = clockFormats.get(timeZone);
  if (!clock) {
    clock = { format: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }), minute: NaN, text: '' };
    clockFormats.set(timeZone, clock);
  }
  const minute = Math.floor(epochMs / 60_000);
  if (clock.minute !== minute) {
    clock.text = clock.format.format(epochMs);
    clock.minute = minute;
  }
  return clock.text;
}
