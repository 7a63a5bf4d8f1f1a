import fs from 'node:fs';
import path from 'node:path';
import { describeMachine } from './lib/machine';
import { loadPlan, type BenchPlan } from './plan';
import { renderReport, type BenchResults, type Outcome } from './report';
import { runHabits } from './scenarios/habits';
import { runIdleCapacity, type IdleRun } from './scenarios/idle-capacity';
import { runJoinStorm, type StormRun } from './scenarios/join-storm';
import { runLoginUnderHashing, type LoginLoadRun } from './scenarios/login-under-hashing';
import { runRest } from './scenarios/rest';
import { runRoomTraffic, type TrafficRun } from './scenarios/room-traffic';
import { runStartTime, type StartRun } from './scenarios/start-time';

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

/**
 * Ours and the baseline alternate run by run, in ABBA order (ours first, then the relay first, ...), so a slow
 * moment of the machine hits both alike and neither always runs right after the other's teardown.
 */
export async function alternate<T>(runs: number, ours: () => Promise<T>, baseline: () => Promise<T>, baselineRuns = runs) {
  const result = { ours: [] as T[], baseline: [] as T[] };
  for (let i = 0; i < runs; i++) {
    const withBaseline = i < baselineRuns;
    if (withBaseline && i % 2 === 1) result.baseline.push(await baseline());
    result.ours.push(await ours());
    if (withBaseline && i % 2 === 0) result.baseline.push(await baseline());
  }
  return result;
}

export function emptyResults(plan: BenchPlan): BenchResults {
  return { machine: describeMachine(), plan, startedAt: new Date().toISOString(), seconds: 0 };
}

/** Fills `results` scenario by scenario, so whatever has finished can be reported if the run is cut short. */
export async function runBench(plan: BenchPlan, results: BenchResults = emptyResults(plan)): Promise<BenchResults> {
  const start = Date.now();
  const profile = plan.cpuProfDir ? path.resolve(plan.cpuProfDir) : undefined;
  if (plan.scenarios.has('traffic')) {
    results.traffic = await attempt('room traffic', () =>
      alternate<TrafficRun>(plan.runs, () => runRoomTraffic('app', { ...plan.traffic, cpuProfDir: profile }), () => runRoomTraffic('relay', { ...plan.traffic, cpuProfDir: profile })),
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
    // The relay's memory per socket is a reference point that barely moves; one run keeps the bench under 10 minutes.
    results.idle = await attempt('idle capacity', () => alternate<IdleRun>(plan.runs, () => runIdleCapacity('app', plan.idle), () => runIdleCapacity('relay', plan.idle), 1));
  }
  if (plan.scenarios.has('rest')) {
    results.rest = await attempt('rest', () => runRest({ ...plan.rest, runs: plan.runs, cpuProfDir: profile }));
  }
  if (plan.scenarios.has('login')) {
    results.login = await attempt('log-in under secret-room creation', async () => {
      const runs: LoginLoadRun[] = [];
      for (let i = 0; i < plan.runs; i++) runs.push(await runLoginUnderHashing(plan.login));
      return runs;
    });
  }
  if (plan.scenarios.has('start')) {
    results.start = await attempt('start time', async () => {
      const runs: StartRun[] = [];
      for (let i = 0; i < plan.runs; i++) runs.push(await runStartTime());
      return runs;
    });
  }
  if (plan.scenarios.has('habits')) {
    results.habits = await attempt('habits (records, streak, leaderboard over the roll-up)', () => runHabits(plan.habits));
  }
  results.seconds = (Date.now() - start) / 1000;
  return results;
}

function writeReport(plan: BenchPlan, results: BenchResults) {
  const out = path.resolve(plan.out);
  fs.writeFileSync(out, renderReport(results, fs.existsSync(FINDINGS) ? fs.readFileSync(FINDINGS, 'utf8') : ''));
  fs.writeFileSync(RAW_RESULTS, JSON.stringify(results, replacer, 2));
  log(`wrote ${out} after ${results.seconds.toFixed(0)} s`);
}

async function main() {
  const plan = loadPlan();
  const results = emptyResults(plan);
  const started = Date.now();
  const limit = setTimeout(() => {
    log(`hard limit of ${HARD_LIMIT_MS / 60_000} minutes reached; reporting what finished and stopping`);
    results.seconds = (Date.now() - started) / 1000;
    writeReport(plan, results);
    // The forked servers see the IPC channel close and exit by themselves.
    process.exit(2);
  }, HARD_LIMIT_MS);
  limit.unref();
  await runBench(plan, results);
  writeReport(plan, results);
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
