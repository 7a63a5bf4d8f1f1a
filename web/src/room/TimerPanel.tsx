import { useEffect, useState } from 'react';
import { texts } from '../texts';
import { formatRemaining, localDeadline, remainingMs, type ReceivedTimer } from './timer-clock';

type TimerPanelProps = {
  timer: ReceivedTimer | null;
  onStart(hours: number, minutes: number, seconds: number): void;
  onPause(): void;
  onResume(): void;
  onReset(): void;
};

const clamp = (raw: string, max: number) => Math.min(max, Math.max(0, Math.floor(Number(raw) || 0)));

export function TimerPanel({ timer, onStart, onPause, onResume, onReset }: TimerPanelProps) {
  const [hours, setHours] = useState('0');
  const [minutes, setMinutes] = useState('25');
  const [seconds, setSeconds] = useState('0');
  const [now, setNow] = useState(() => Date.now());
  const status = timer?.state.status ?? 'idle';

  // Re-render often enough that the shown second flips on time; the value itself comes from the server's state.
  useEffect(() => {
    if (status !== 'running') return;
    const id = window.setInterval(() => setNow(Date.now()), 200);
    return () => window.clearInterval(id);
  }, [status]);

  // `now` only moves while running, so right after a start it is older than the state's arrival: counting from
  // it would show more than the timer's duration (10:04 for a 10-minute timer) until the first tick.
  const left = remainingMs(timer, status === 'running' ? Math.max(now, timer?.receivedAt ?? now) : Date.now());
  const finished = status === 'running' && left === 0;
  const total = clamp(hours, 23) * 3600 + clamp(minutes, 59) * 60 + clamp(seconds, 59);

  return (
    <section className="card timer" data-testid="timer">
      <h2>{texts.room.timer}</h2>
      <output className="timer-display" data-testid="timer-display" data-status={status} data-remaining-ms={Math.round(left)} data-deadline={localDeadline(timer) ?? ''}>
        {finished ? texts.room.timeUp : formatRemaining(left)}
      </output>
      {status === 'idle' && (
        <div className="timer-inputs">
          <label><input name="hours" inputMode="numeric" maxLength={2} value={hours} onChange={(e) => setHours(e.target.value)} />{texts.room.hours}</label>
          <label><input name="minutes" inputMode="numeric" maxLength={2} value={minutes} onChange={(e) => setMinutes(e.target.value)} />{texts.room.minutes}</label>
          <label><input name="seconds" inputMode="numeric" maxLength={2} value={seconds} onChange={(e) => setSeconds(e.target.value)} />{texts.room.seconds}</label>
        </div>
      )}
      <div className="actions">
        {status === 'idle' && (
          <button type="button" className="primary" data-testid="timer-start" disabled={total === 0} onClick={() => onStart(clamp(hours, 23), clamp(minutes, 59), clamp(seconds, 59))}>
            {texts.room.start}
          </button>
        )}
        {status === 'running' && !finished && <button type="button" data-testid="timer-pause" onClick={onPause}>{texts.room.pause}</button>}
        {status === 'paused' && <button type="button" data-testid="timer-resume" onClick={onResume}>{texts.room.resume}</button>}
        {status !== 'idle' && <button type="button" data-testid="timer-reset" onClick={onReset}>{texts.room.reset}</button>}
      </div>
    </section>
  );
}
