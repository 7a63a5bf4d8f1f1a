import { useEffect, useRef, useState } from 'react';
import { texts } from '../texts';
import { formatRemaining, localDeadline, phaseCue, POMODORO_BOUNDS, POMODORO_PRESET, remainingMs, type PomodoroPlan, type ReceivedTimer, type TimerState } from './timer-clock';

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

export function TimerPanel({ timer, onStart, onStartPomodoro, onPause, onResume, onReset }: TimerPanelProps) {
  const [mode, setMode] = useState<Mode>('countdown');
  const [hours, setHours] = useState('0');
  const [minutes, setMinutes] = useState('25');
  const [seconds, setSeconds] = useState('0');
  const [plan, setPlan] = useState(presetText);
  const [now, setNow] = useState(() => Date.now());
  const state = timer?.state ?? null;
  const status = state?.status ?? 'idle';
  usePhaseCue(state);

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
  const choosing = onStartPomodoro ? mode : 'countdown';
  const phase = state?.mode === 'pomodoro' && state.status !== 'idle' ? state.phase : undefined;
  const planInput = (key: keyof PomodoroPlan, label: string) => (
    <label>
      <input name={key} inputMode="numeric" maxLength={2} value={plan[key]} onChange={(e) => setPlan({ ...plan, [key]: e.target.value })} />
      {label}
    </label>
  );

  return (
    <section className="card timer" data-testid="timer">
      <h2>{texts.room.timer}</h2>
      {phase && state && (
        <p className="timer-phase" data-testid="timer-phase" data-phase={phase}>
          {phase === 'focus' ? texts.room.timerFocus : texts.room.timerBreak} · {texts.room.timerRound(state.round ?? 1, state.rounds ?? 1)}
        </p>
      )}
      <output className="timer-display" data-testid="timer-display" data-status={status} data-remaining-ms={Math.round(left)} data-deadline={localDeadline(timer) ?? ''}>
        {finished ? texts.room.timeUp : formatRemaining(left)}
      </output>
      {status === 'idle' && onStartPomodoro && (
        <div className="actions" role="group" aria-label={texts.room.timerModes}>
          {(['countdown', 'pomodoro'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
              {m === 'countdown' ? texts.room.timerCountdown : texts.room.timerPomodoro}
            </button>
          ))}
        </div>
      )}
      {status === 'idle' && choosing === 'countdown' && (
        <div className="timer-inputs">
          <label><input name="hours" inputMode="numeric" maxLength={2} value={hours} onChange={(e) => setHours(e.target.value)} />{texts.room.hours}</label>
          <label><input name="minutes" inputMode="numeric" maxLength={2} value={minutes} onChange={(e) => setMinutes(e.target.value)} />{texts.room.minutes}</label>
          <label><input name="seconds" inputMode="numeric" maxLength={2} value={seconds} onChange={(e) => setSeconds(e.target.value)} />{texts.room.seconds}</label>
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
      <div className="actions">
        {status === 'idle' && choosing === 'countdown' && (
          <button type="button" className="primary" data-testid="timer-start" disabled={total === 0} onClick={() => onStart(clamp(hours, 23), clamp(minutes, 59), clamp(seconds, 59))}>
            {texts.room.start}
          </button>
        )}
        {status === 'idle' && choosing === 'pomodoro' && (
          <button type="button" className="primary" data-testid="timer-start" onClick={() => onStartPomodoro?.(clampPlan(plan))}>
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
