import { clockTime } from './clock-time';

const at = (iso: string) => Date.parse(iso);

describe('clockTime', () => {
  it('answers HH:MM in the given zone, also for the instants either side of a minute boundary', () => {
    expect(clockTime(at('2026-11-25T01:59:59.999Z'), 'Asia/Seoul')).toBe('10:59');
    expect(clockTime(at('2026-11-25T02:00:00.000Z'), 'Asia/Seoul')).toBe('11:00');
    expect(clockTime(at('2026-11-25T02:00:59.999Z'), 'Asia/Seoul')).toBe('11:00');
  });

  it('recomputes when time goes back to an earlier minute (the kept answer is only for its own minute)', () => {
    expect(clockTime(at('2026-11-25T14:30:10Z'), 'Asia/Seoul')).toBe('23:30');
    expect(clockTime(at('2026-11-25T14:29:50Z'), 'Asia/Seoul')).toBe('23:29');
  });

  it('keeps zones apart, including one offset by a non-whole hour', () => {
    const t = at('2026-11-25T02:00:30Z');
    expect(clockTime(t, 'Asia/Seoul')).toBe('11:00');
    expect(clockTime(t, 'UTC')).toBe('02:00');
    expect(clockTime(t, 'Asia/Kathmandu')).toBe('07:45');
    expect(clockTime(t, 'Asia/Seoul')).toBe('11:00');
  });
});
