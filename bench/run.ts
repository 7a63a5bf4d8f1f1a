import fs from 'node:fs';
import path from 'node:path';
import { describeMachine } from './lib/machine';
import { loadPlan, type BenchPlan } from './plan';
import { renderReport, type BenchResults, type Outcome } from './report';
import { runIdleCapacity, type IdleRun } from './scenarios/idle-capacity';
import { runJoinStorm, type StormRun } from './scenarios/join-storm';
import { runRest } from './scenarios/rest';
import { runRoomTraffic, type TrafficRun } from './scenarios/room-traffic';

/** The whole bench must end by itself: past this, it stops and reports what it has. */
const HARD_LIMIT_MS = 9.5 * 60_000;

const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function attempt<T>(name: string, work: () => Promise<T>): Promise<Outcome<T>> {
  const start = Date.now();
  log(`${name}: start`);
  try {
    const value = await work();
    log(`${name}: done in ${((Date.now() - start) / 1000).toFixed(0)} s`);
    return { ok: true, value };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    log(`${name}: FAILED ${error}`);
    return { ok: false, error };
  }
}

/** Ours and the baseline alternate run by run, so a slow moment of the machine hits both alike. */
async function alternate<T>(runs: number, ours: () => Promise<T>, baseline: () => Promise<T>) {
  const result = { ours: [] as T[], baseline: [] as T[] };
  for (let i = 0; i < runs; i++) {
    result.ours.push(await ours());
    result.baseline.push(await baseline());
  }
  return result;
}

export async function runBench(plan: BenchPlan): Promise<BenchResults> {
  const results: BenchResults = { machine: describeMachine(), plan, startedAt: new Date().toISOString(), seconds: 0 };
  const start = Date.now();
  const profile = plan.cpuProfDir ? path.resolve(plan.cpuProfDir) : undefined;
  if (plan.scenarios.has('traffic')) {
    results.traffic = await attempt('room traffic', () =>
      alternate<TrafficRun>(plan.runs, () => runRoomTraffic('app', { ...plan.traffic, cpuProfDir: profile }), () => runRoomTraffic('relay', plan.traffic)),
    );
  }
  if (plan.scenarios.has('storm')) {
    results.storm = await attempt('join storm', async () => {
      const runs: StormRun[] = [];
      for (let i = 0; i < plan.runs; i++) runs.push(await runJoinStorm({ ...plan.storm, cpuProfDir: profile }));
      return runs;
    });
  }
  if (plan.scenarios.has('idle')) {
    results.idle = await attempt('idle capacity', () => alternate<IdleRun>(plan.runs, () => runIdleCapacity('app', plan.idle), () => runIdleCapacity('relay', plan.idle)));
  }
  if (plan.scenarios.has('rest')) {
    results.rest = await attempt('rest', () => runRest({ ...plan.rest, runs: plan.runs, cpuProfDir: profile }));
  }
  results.seconds = (Date.now() - start) / 1000;
  return results;
}

async function main() {
  const plan = loadPlan();
  const limit = setTimeout(() => {
    log(`hard limit of ${HARD_LIMIT_MS / 60_000} minutes reached; stopping`);
    process.exit(2);
  }, HARD_LIMIT_MS);
  limit.unref();
  const results = await runBench(plan);
  const out = path.resolve(plan.out);
  fs.writeFileSync(out, renderReport(results, fs.existsSync(FINDINGS) ? fs.readFileSync(FINDINGS, 'utf8') : ''));
  fs.writeFileSync(RAW_RESULTS, JSON.stringify(results, replacer, 2));
  log(`wrote ${out} in ${results.seconds.toFixed(0)} s`);
}

/** Hand-written profiling notes (before/after of fixes), kept with the bench and copied into the report. */
const FINDINGS = path.join(__dirname, 'findings.md');
/** Every run's raw figures, for anyone who wants more than the report's medians. */
const RAW_RESULTS = path.join(__dirname, 'last-run.json');

const replacer = (_key: string, value: unknown) => (value instanceof Set ? [...value] : value);

if (require.main === module) {
  main().catch((err: unknown) => {
    log(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exit(1);
  });
}
