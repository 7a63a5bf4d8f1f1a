/** Nearest-rank percentile of an unsorted sample (NaN when empty, so a missing figure is visible). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** One metric over several runs: the median, with min and max as the spread. */
export type Spread = { median: number; min: number; max: number; runs: number };

export function spreadOf(values: readonly number[]): Spread {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 };
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite), runs: finite.length };
}

/** Collects one metric per run for every named field of a run's result. */
export function summarise<K extends string>(runs: readonly Record<K, number>[]): Record<K, Spread> {
  const keys = Object.keys(runs[0] ?? {}) as K[];
  return Object.fromEntries(keys.map((k) => [k, spreadOf(runs.map((r) => r[k]))])) as Record<K, Spread>;
}
