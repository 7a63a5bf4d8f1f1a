import { useEffect, useRef, useState } from 'react';
import { texts } from '../texts';
import { chime, flashTitle, TIME_UP_SHOW_MS } from './timer-alarm';
import { formatRemaining, localDeadline, phaseCue, POMODORO_BOUNDS, POMODORO_PRESET, remainingMs, type PomodoroPlan, type ReceivedTimer, type TimerState } from './timer-clock';
import { checkTimerInput } from './timer-input';

type TimerPanelProps = {
  timer: ReceivedTimer | null;
  onStart(hours: number, minutes: number, seconds: number): void;
  /** Starts a pomodoro cycle (`start_timer` with `mode:"pomodoro"`); without it the panel offers the countdown only. */
  onStartPomodoro?(plan: PomodoroPlan): void;
  onPause(): void;
  onResume(): void;
  onReset(): void;
};

type Mode = 'countdown' | 'pomodoro';
type Phase = 'focus' | 'break';

const clamp = (raw: string, max: number, min = 0) => Math.min(max, Math.max(min, Math.floor(Number(raw) || 0)));
const clampPlan = (raw: Record<keyof PomodoroPlan, string>): PomodoroPlan => ({
  focusMinutes: clamp(raw.focusMinutes, POMODORO_BOUNDS.focusMinutes.max, POMODORO_BOUNDS.focusMinutes.min),
  breakMinutes: clamp(raw.breakMinutes, POMODORO_BOUNDS.breakMinutes.max, POMODORO_BOUNDS.breakMinutes.min),
  rounds: clamp(raw.rounds, POMODORO_BOUNDS.rounds.max, POMODORO_BOUNDS.rounds.min),
});
const presetText = (): Record<keyof PomodoroPlan, string> => ({
  focusMinutes: String(POMODORO_PRESET.focusMinutes),
  breakMinutes: String(POMODORO_PRESET.breakMinutes),
  rounds: String(POMODORO_PRESET.rounds),
});

/** Back to focus rings high, a break rings low, so the two can be told apart without looking. */
const CUE_HZ: Record<Phase, number> = { focus: 880, break: 440 };
let audio: AudioContext | null = null;

/** A short beep through WebAudio; a browser without sound (or that refuses it) just stays quiet. */
function playCue(phase: Phase): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const at = audio.currentTime;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = 'sine';
    tone.frequency.value = CUE_HZ[phase];
    gain.gain.setValueAtTime(0.2, at);
    gain.gain.exponentialRampToValueAtTime(0.001, at + 0.35);
    tone.connect(gain).connect(audio.destination);
    tone.start(at);
    tone.stop(at + 0.35);
  } catch {
    // No AudioContext, or the page may not play sound yet: the phase still shows.
  }
}

/** Plays the cue when the shown cycle moves on; a late join's first state or a pause is not a change. */
function usePhaseCue(state: TimerState | null): void {
  const shown = useRef<TimerState | null>(null);
  useEffect(() => {
    if (!state) return;
    const cue = phaseCue(shown.current, state);
    shown.current = state;
    if (cue) playCue(cue);
  }, [state]);
}

type Action = 'started' | 'paused' | 'resumed' | 'reset';

/** Which command made this state, from the state before it (the server says who, not what). */
function actionOf(previous: string | undefined, status: string): Action {
  if (status === 'running') return previous === 'paused' ? 'resumed' : 'started';
  if (status === 'paused') return 'paused';
  return 'reset';
}

export function TimerPanel({ timer, onStart, onStartPomodoro, onPause, onResume, onReset }: TimerPanelProps) {
  const [mode, setMode] = useState<Mode>('countdown');
  const [plan, setPlan] = useState(presetText);
  const [hours, setHours] = useState('0');
  const [minutes, setMinutes] = useState('25');
  const [seconds, setSeconds] = useState('0');
  const [now, setNow] = useState(() => Date.now());
  const [endedAt, setEndedAt] = useState<number | null>(null);
  const [lastAction, setLastAction] = useState<{ nickname: string; action: Action } | null>(null);
  const state = timer?.state ?? null;
  const status = state?.status ?? 'idle';
  usePhaseCue(state);
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
  // A pomodoro phase reaching zero is a phase change (its cue), not the end: the end is the server's final idle.
  const reachedZero = status === 'running' && left === 0 && state?.mode !== 'pomodoro';

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
  const choosing = onStartPomodoro ? mode : 'countdown';
  const inputProblem = status === 'idle' && choosing === 'countdown' && !checked.ok ? (checked.reason === 'zero' ? texts.room.timerZero : texts.room.timerFormat) : null;
  const phase = state?.mode === 'pomodoro' && state.status !== 'idle' ? state.phase : undefined;
  const planInput = (key: keyof PomodoroPlan, label: string) => (
    <label>
      <input name={key} inputMode="numeric" maxLength={2} value={plan[key]} onChange={(e) => setPlan({ ...plan, [key]: e.target.value })} />
      {label}
    </label>
  );

  return (
    <section className={`card timer${showTimeUp ? ' time-up' : ''}`} data-testid="timer" aria-labelledby="timer-heading">
      <h2 id="timer-heading">{texts.room.timer}</h2>
      {phase && state && (
        <p className="timer-phase" data-testid="timer-phase" data-phase={phase}>
          {phase === 'focus' ? texts.room.timerFocus : texts.room.timerBreak} · {texts.room.timerRound(state.round ?? 1, state.rounds ?? 1)}
        </p>
      )}
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
      {status === 'idle' && onStartPomodoro && (
        <div className="actions" role="group" aria-label={texts.room.timerModes}>
          {(['countdown', 'pomodoro'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
              {m === 'countdown' ? texts.room.timerCountdown : texts.room.timerPomodoro}
            </button>
          ))}
        </div>
      )}
      {status === 'idle' && choosing === 'pomodoro' && (
        <div className="timer-inputs">
          {planInput('focusMinutes', texts.room.timerFocusMinutes)}
          {planInput('breakMinutes', texts.room.timerBreakMinutes)}
          {planInput('rounds', texts.room.timerRounds)}
          <button type="button" onClick={() => setPlan(presetText())}>{texts.room.timerPreset}</button>
        </div>
      )}
      {status === 'idle' && choosing === 'countdown' && (
        <div className="timer-inputs">
          <label><input name="hours" inputMode="numeric" maxLength={2} value={hours} aria-invalid={!!inputProblem} aria-describedby={inputProblem ? 'timer-problem' : undefined} onChange={(e) => setHours(e.target.value)} />{texts.room.hours}</label>
          <label><input name="minutes" inputMode="numeric" maxLength={2} value={minutes} aria-invalid={!!inputProblem} aria-describedby={inputProblem ? 'timer-problem' : undefined} onChange={(e) => setMinutes(e.target.value)} />{texts.room.minutes}</label>
          <label><input name="seconds" inputMode="numeric" maxLength={2} value={seconds} aria-invalid={!!inputProblem} aria-describedby={inputProblem ? 'timer-problem' : undefined} onChange={(e) => setSeconds(e.target.value)} />{texts.room.seconds}</label>
        </div>
      )}
      {inputProblem && <p className="timer-problem" id="timer-problem" data-testid="timer-problem">{inputProblem}</p>}
      <div className="actions">
        {status === 'idle' && choosing === 'pomodoro' && (
          <button type="button" className="primary" data-testid="timer-start" onClick={() => onStartPomodoro?.(clampPlan(plan))}>
            {texts.room.start}
          </button>
        )}
        {status === 'idle' && choosing === 'countdown' && (
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
