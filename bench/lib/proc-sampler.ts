import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Reads another process's CPU time and RSS from /proc (Linux), so the measured server spends nothing
 * on being measured and a saturated event loop cannot delay the figures.
 */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();
const PAGE_SIZE = (() => {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE']).toString().trim()) || 4096;
  } catch {
    return 4096;
  }
})();

export type ProcSample = { at: number; cpuSeconds: number; rssBytes: number };

export function readProc(pid: number): ProcSample {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const rssPages = Number(fields[21]);
  return { at: performance.now(), cpuSeconds: (utime + stime) / CLOCK_TICKS, rssBytes: rssPages * PAGE_SIZE };
}

export type Window = { cpuPercent: number; rssMaxBytes: number; rssEndBytes: number; seconds: number };

/** Samples a process every `everyMs` until `stop()`, which returns its CPU use (% of one core) and RSS over the window. */
export function sampleWindow(pid: number, everyMs = 500) {
  const first = readProc(pid);
  let last = first;
  let rssMax = first.rssBytes;
  const timer = setInterval(() => {
    last = readProc(pid);
    rssMax = Math.max(rssMax, last.rssBytes);
  }, everyMs);
  return {
    stop(): Window {
      clearInterval(timer);
      last = readProc(pid);
      rssMax = Math.max(rssMax, last.rssBytes);
      const seconds = (last.at - first.at) / 1000;
      return { cpuPercent: (100 * (last.cpuSeconds - first.cpuSeconds)) / seconds, rssMaxBytes: rssMax, rssEndBytes: last.rssBytes, seconds };
    },
  };
}

/**
 * Waits until the process has used less than `belowPercent` of a core over `quietIntervals` intervals of
 * `everyMs` in a row (or `maxMs` passes), so a measured window does not bill the tail of the setup: the
 * server records each join's presence in the database, and 1 000 joins keep it busy for a few seconds
 * after the last one. One half-second interval under 10% was not enough: a tick count that coarse let
 * windows start with the writes still running, and billed them to the traffic.
 */
export async function waitUntilQuiet(pid: number, belowPercent = 5, everyMs = 1_000, quietIntervals = 2, maxMs = 30_000): Promise<void> {
  const end = Date.now() + maxMs;
  let previous = readProc(pid);
  let quiet = 0;
  while (Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    const now = readProc(pid);
    const percent = (100 * (now.cpuSeconds - previous.cpuSeconds)) / ((now.at - previous.at) / 1000);
    quiet = percent < belowPercent ? quiet + 1 : 0;
    if (quiet >= quietIntervals) return;
    previous = now;
  }
}
