import { useEffect, useRef, useState } from 'react';
import { texts } from '../texts';
import { chime, flashTitle, TIME_UP_SHOW_MS } from './timer-alarm';
import { formatRemaining, localDeadline, remainingMs, type ReceivedTimer } from './timer-clock';
import { checkTimerInput } from './timer-input';

type TimerPanelProps = {
  timer: ReceivedTimer | null;
  onStart(hours: number, minutes: number, seconds: number): void;
  onPause(): void;
  onResume(): void;
  onReset(): void;
};

type Action = 'started' | 'paused' | 'resumed' | 'reset';

/** Which command made this state, from the state before it (the server says who, not what). */
function actionOf(previous: string | undefined, status: string): Action {
  if (status === 'running') return previous === 'paused' ? 'resumed' : 'started';
  if (status === 'paused') return 'paused';
  return 'reset';
}

export function TimerPanel({ timer, onStart, onPause, onResume, onReset }: TimerPanelProps) {
  const [hours, setHours] = useState('0');
  const [minutes, setMinutes] = useState('25');
  const [seconds, setSeconds] = useState('0');
  const [now, setNow] = useState(() => Date.now());
  const [endedAt, setEndedAt] = useState<number | null>(null);
  const [lastAction, setLastAction] = useState<{ nickname: string; action: Action } | null>(null);
  const status = timer?.state.status ?? 'idle';
  const previous = useRef<{ status: string; version: number } | null>(null);

  // Re-render often enough that the shown second flips on time; the value itself comes from the server's state.
  useEffect(() => {
    if (status !== 'running') return;
    const id = window.setInterval(() => setNow(Date.now()), 200);
    return () => window.clearInterval(id);
  }, [status]);

  // `now` only moves while running, so right after a start it is older than the state's arrival: counting from
  // it would show more than the timer's duration (10:04 for a 10-minute timer) until the first tick.
  const left = remainingMs(timer, status === 'running' ? Math.max(now, timer?.receivedAt ?? now) : Date.now());
  const reachedZero = status === 'running' && left === 0;

  // Every new state: who did what, and whether the timer just ran out (zero reached, or the server's final idle).
  useEffect(() => {
    if (!timer) return;
    const before = previous.current;
    previous.current = { status: timer.state.status, version: timer.state.version };
    if (!before || before.version === timer.state.version) return;
    const by = timer.state.by;
    if (by) setLastAction({ nickname: by.nickname, action: actionOf(before.status, timer.state.status) });
    else if (before.status === 'running' && timer.state.status === 'idle' && timer.state.remainingMs === 0) {
      setEndedAt((t) => t ?? Date.now());
      setLastAction(null);
    }
    if (by) setEndedAt(null);
  }, [timer]);
  useEffect(() => {
    if (reachedZero) setEndedAt((t) => t ?? Date.now());
  }, [reachedZero]);
  useEffect(() => {
    if (endedAt === null) return;
    chime();
    const stopFlash = flashTitle(`⏰ ${texts.room.timeUp}`, TIME_UP_SHOW_MS);
    const id = window.setTimeout(() => setEndedAt(null), TIME_UP_SHOW_MS);
    return () => {
      window.clearTimeout(id);
      stopFlash();
    };
  }, [endedAt]);

  const checked = checkTimerInput({ hours, minutes, seconds });
  const showTimeUp = endedAt !== null || reachedZero;
  const inputProblem = status === 'idle' && !checked.ok ? (checked.reason === 'zero' ? texts.room.timerZero : texts.room.timerFormat) : null;

  return (
    <section className={`card timer${showTimeUp ? ' time-up' : ''}`} data-testid="timer" aria-labelledby="timer-heading">
      <h2 id="timer-heading">{texts.room.timer}</h2>
      <output className="timer-display" data-testid="timer-display" data-status={status} data-remaining-ms={Math.round(left)} data-deadline={localDeadline(timer) ?? ''}>
        {showTimeUp && status !== 'running' ? texts.room.timeUp : reachedZero ? texts.room.timeUp : formatRemaining(left)}
      </output>
      {showTimeUp && (
        <p className="time-up-banner" role="alert" data-testid="time-up">
          {texts.room.timeUpDetail}
        </p>
      )}
      {lastAction && !showTimeUp && (
        <p className="timer-by" data-testid="timer-by">{texts.room.timerBy(lastAction.nickname, lastAction.action)}</p>
      )}
      {status === 'idle' && (
        <div className="timer-inputs">
          <label><input name="hours" inputMode="numeric" maxLength={2} value={hours} aria-invalid={!!inputProblem} aria-describedby={inputProblem ? 'timer-problem' : undefined} onChange={(e) => setHours(e.target.value)} />{texts.room.hours}</label>
          <label><input name="minutes" inputMode="numeric" maxLength={2} value={minutes} aria-invalid={!!inputProblem} aria-describedby={inputProblem ? 'timer-problem' : undefined} onChange={(e) => setMinutes(e.target.value)} />{texts.room.minutes}</label>
          <label><input name="seconds" inputMode="numeric" maxLength={2} value={seconds} aria-invalid={!!inputProblem} aria-describedby={inputProblem ? 'timer-problem' : undefined} onChange={(e) => setSeconds(e.target.value)} />{texts.room.seconds}</label>
        </div>
      )}
      {inputProblem && <p className="timer-problem" id="timer-problem" data-testid="timer-problem">{inputProblem}</p>}
      <div className="actions">
        {status === 'idle' && (
          <button type="button" className="primary" data-testid="timer-start" disabled={!checked.ok} onClick={() => checked.ok && onStart(checked.hours, checked.minutes, checked.seconds)}>
            {texts.room.start}
          </button>
        )}
        {status === 'running' && !reachedZero && <button type="button" data-testid="timer-pause" onClick={onPause}>{texts.room.pause}</button>}
        {status === 'paused' && <button type="button" data-testid="timer-resume" onClick={onResume}>{texts.room.resume}</button>}
        {status !== 'idle' && <button type="button" data-testid="timer-reset" onClick={onReset}>{texts.room.reset}</button>}
      </div>
    </section>
  );
}
