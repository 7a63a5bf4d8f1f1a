/** The end of the shared timer, made unmistakable: a short chime (WebAudio) and a flashing tab title. */
export function chime(): void {
  if (typeof AudioContext === 'undefined') return;
  try {
    const ctx = new AudioContext();
    const start = ctx.currentTime;
    // Three short rising notes, quiet enough not to startle.
    [880, 1175, 1568].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      osc.type = 'sine';
      gain.gain.setValueAtTime(0.0001, start + i * 0.22);
      gain.gain.exponentialRampToValueAtTime(0.25, start + i * 0.22 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.22 + 0.2);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + i * 0.22);
      osc.stop(start + i * 0.22 + 0.21);
    });
    window.setTimeout(() => void ctx.close().catch(() => undefined), 1200);
  } catch {
    // No audio output: the text and the title still say it.
  }
}

/** Alternates the tab title with `message` for `forMs`; returns a function that restores it early. */
export function flashTitle(message: string, forMs: number): () => void {
  const original = document.title;
  let on = false;
  const id = window.setInterval(() => {
    on = !on;
    document.title = on ? message : original;
  }, 700);
  const stop = () => {
    window.clearInterval(id);
    window.clearTimeout(timeout);
    document.title = original;
  };
  const timeout = window.setTimeout(stop, forMs);
  document.title = message;
  return stop;
}

/** How long "시간 끝!" stays on screen. */
export const TIME_UP_SHOW_MS = 6_000;
