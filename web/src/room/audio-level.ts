import { useEffect, useState } from 'react';

/** One AudioContext for every tile: browsers limit how many a page may open. */
let shared: AudioContext | null = null;
function audioContext(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  shared ??= new AudioContext();
  // Suspended until the page had a gesture (autoplay policy): try again on each use.
  if (shared.state === 'suspended') void shared.resume().catch(() => undefined);
  return shared;
}

/** The audio level of a stream, 0..1 (RMS of the waveform), sampled every `everyMs`. */
export function useAudioLevel(stream: MediaStream | null, enabled: boolean, everyMs = 150): number {
  const [level, setLevel] = useState(0);
  const trackId = stream?.getAudioTracks()[0]?.id;
  useEffect(() => {
    if (!stream || !enabled || !trackId) {
      setLevel(0);
      return;
    }
    const ctx = audioContext();
    if (!ctx) return;
    let source: MediaStreamAudioSourceNode;
    try {
      source = ctx.createMediaStreamSource(new MediaStream(stream.getAudioTracks()));
    } catch {
      return;
    }
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const id = window.setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) sum += v * v;
      // Rounded to a tenth, so React re-renders the tile only when the level visibly changes.
      setLevel(Math.round(Math.min(1, Math.sqrt(sum / samples.length) * 4) * 10) / 10);
    }, everyMs);
    return () => {
      window.clearInterval(id);
      source.disconnect();
      analyser.disconnect();
    };
  }, [stream, trackId, enabled, everyMs]);
  return level;
}

/** Above this level a tile shows its speaker ring. */
export const SPEAKING_LEVEL = 0.05;
