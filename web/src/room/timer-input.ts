/** The timer form's fields, checked as the server checks `start_timer` (0-23 h, 0-59 min and s, total > 0). */
export type TimerInput = { hours: string; minutes: string; seconds: string };
export type CheckedTimer = { ok: true; hours: number; minutes: number; seconds: number } | { ok: false; reason: 'format' | 'zero' };

function part(raw: string, max: number): number | null {
  const text = raw.trim();
  if (text === '') return 0;
  if (!/^\d{1,2}$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

export function checkTimerInput({ hours, minutes, seconds }: TimerInput): CheckedTimer {
  const h = part(hours, 23);
  const m = part(minutes, 59);
  const s = part(seconds, 59);
  if (h === null || m === null || s === null) return { ok: false, reason: 'format' };
  if (h + m + s === 0) return { ok: false, reason: 'zero' };
  return { ok: true, hours: h, minutes: m, seconds: s };
}
