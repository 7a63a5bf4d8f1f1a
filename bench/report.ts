import type { Machine } from './lib/machine';
import { spreadOf, type Spread } from './lib/stats';
import type { BenchPlan } from './plan';
import type { HabitsResult, LatencyRow } from './scenarios/habits';
import type { IdleRun } from './scenarios/idle-capacity';
import type { LoginLoadRun } from './scenarios/login-under-hashing';
import type { StormRun } from './scenarios/join-storm';
import type { RestResult } from './scenarios/rest';
import type { TrafficRun } from './scenarios/room-traffic';
import type { StartRun } from './scenarios/start-time';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };
type Paired<T> = { ours: T[]; baseline: T[] };

export type BenchResults = {
  machine: Machine;
  plan: BenchPlan;
  startedAt: string;
  seconds: number;
  traffic?: Outcome<Paired<TrafficRun>>;
  storm?: Outcome<StormRun[]>;
  idle?: Outcome<Paired<IdleRun>>;
  rest?: Outcome<RestResult>;
  login?: Outcome<LoginLoadRun[]>;
  start?: Outcome<StartRun[]>;
  habits?: Outcome<HabitsResult>;
};

/** Goals from the issue; the report says plainly whether each is met. */
export const GOALS = { trafficP99Ms: 50, trafficCpuRatio: 1.3, loginLoadedRatio: 1.5, startToHealthMs: 5_000, recordsHistoryRatio: 1.5, leaderboardP50Ms: 50 };

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const cell = (s: Spread, digits = 1) => (s.runs === 0 ? 'n/a' : s.runs === 1 ? fmt(s.median, digits) : `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`);
const column = <T>(runs: T[], pick: (r: T) => number) => spreadOf(runs.map(pick));
const verdict = (met: boolean) => (met ? 'met' : '**missed**');

function trafficSection(o: Outcome<Paired<TrafficRun>>, plan: BenchPlan): string[] {
  const head = [`## 1. Room traffic: ${plan.traffic.clients} clients in rooms of ${plan.traffic.roomSize}, one chat message each per second for ${plan.traffic.seconds} s`, ''];
  if (!o.ok) return [...head, `Not measured: ${o.error}`, ''];
  const { ours, baseline } = o.value;
  const rows: [string, (r: TrafficRun) => number, number][] = [
    ['delivery latency p50 (ms)', (r) => r.p50Ms, 1],
    ['delivery latency p95 (ms)', (r) => r.p95Ms, 1],
    ['delivery latency p99 (ms)', (r) => r.p99Ms, 1],
    ['delivery latency max (ms)', (r) => r.maxMs, 1],
    ['server CPU (% of one core)', (r) => r.cpuPercent, 1],
    ['server RSS peak (MB)', (r) => r.rssMaxMb, 0],
    ['messages sent', (r) => r.sent, 0],
    ['deliveries that arrived (%)', (r) => r.deliveredPercent, 2],
  ];
  const table = rows.map(([name, pick, digits]) => {
    const a = column(ours, pick);
    const b = column(baseline, pick);
    return `| ${name} | ${cell(a, digits)} | ${cell(b, digits)} | ${fmt(a.median / b.median, 2)} |`;
  });
  const p99 = column(ours, (r) => r.p99Ms).median;
  const cpuRatio = column(ours, (r) => r.cpuPercent).median / column(baseline, (r) => r.cpuPercent).median;
  // Runs come in adjacent pairs (ABBA order, bench/run.ts); the ratio within a pair shows how much of the spread is the
  // machine (both runs of a pair slow down together) rather than the server.
  const pairRatios = spreadOf(ours.slice(0, baseline.length).map((r, i) => r.cpuPercent / (baseline[i] as TrafficRun).cpuPercent));
  return [
    ...head,
    '| metric | with-me: median (min–max) | bare relay: median (min–max) | ratio (with-me / relay) |',
    '|---|---|---|---|',
    ...table,
    '',
    `Server CPU ratio run by run (each with-me run / the relay run paired with it): ${cell(pairRatios, 2)}.`,
    '',
    `Goal p99 < ${GOALS.trafficP99Ms} ms: ${verdict(p99 < GOALS.trafficP99Ms)} (${fmt(p99)} ms). ` +
      `Goal CPU at most ${GOALS.trafficCpuRatio}× the relay's: ${verdict(cpuRatio <= GOALS.trafficCpuRatio)} (${fmt(cpuRatio, 2)}×).`,
    '',
  ];
}

function stormSection(o: Outcome<StormRun[]>, plan: BenchPlan): string[] {
  const head = [`## 2. Join storm: ${plan.storm.users} signed-in users enter rooms of ${plan.storm.roomSize} at once`, ''];
  if (!o.ok) return [...head, `Not measured: ${o.error}`, ''];
  const runs = o.value;
  return [
    ...head,
    '| metric | median (min–max) |',
    '|---|---|',
    `| joins per second (REST entry + \`join room\` → \`send users\`) | ${cell(column(runs, (r) => r.joinsPerSecond))} |`,
    `| time from REST entry to \`send users\`, p50 (ms) | ${cell(column(runs, (r) => r.p50Ms))} |`,
    `| time from REST entry to \`send users\`, p99 (ms) | ${cell(column(runs, (r) => r.p99Ms))} |`,
    `| guest sign-ins per second (before the storm, 32 in flight) | ${cell(column(runs, (r) => r.signInsPerSecond))} |`,
    '',
  ];
}

function idleSection(o: Outcome<Paired<IdleRun>>, plan: BenchPlan): string[] {
  const head = [`## 3. Idle capacity: ${plan.idle.sockets} connected, authenticated, idle sockets`, ''];
  if (!o.ok) return [...head, `Not measured: ${o.error}`, ''];
  const { ours, baseline } = o.value;
  const rows: [string, (r: IdleRun) => number, number][] = [
    ['RSS before the sockets (MB, after GC)', (r) => r.rssBeforeMb, 1],
    ['RSS with the sockets (MB, after GC)', (r) => r.rssAfterMb, 1],
    ['RSS per socket (KB)', (r) => r.kbPerSocket, 1],
    ['connections per second (200 in flight)', (r) => r.connectsPerSecond, 0],
  ];
  return [
    ...head,
    '| metric | with-me: median (min–max) | bare relay: median (min–max) |',
    '|---|---|---|',
    ...rows.map(([name, pick, digits]) => `| ${name} | ${cell(column(ours, pick), digits)} | ${cell(column(baseline, pick), digits)} |`),
    '',
  ];
}

function restSection(o: Outcome<RestResult>, plan: BenchPlan): string[] {
  const head = [
    `## 4. REST with ${plan.rest.rooms} rooms (autocannon, ${plan.rest.connections} connections, ${plan.rest.durationSeconds} s per run)`,
    '',
  ];
  if (!o.ok) return [...head, `Not measured: ${o.error}`, ''];
  return [
    ...head,
    '| endpoint | requests/s: median (min–max) | p50 (ms) | p99 (ms) | errors + non-2xx |',
    '|---|---|---|---|---|',
    ...o.value.map((e) =>
      e.runs.length === 0
        ? `| ${e.endpoint} | n/a | n/a | n/a | n/a |`
        : `| ${e.endpoint} | ${cell(column(e.runs, (r) => r.requestsPerSecond), 0)} | ${cell(column(e.runs, (r) => r.p50Ms), 0)} | ${cell(column(e.runs, (r) => r.p99Ms), 0)} | ${e.runs.reduce((n, r) => n + r.errors + r.non2xx, 0)} |`,
    ),
    '',
  ];
}

function loginSection(o: Outcome<LoginLoadRun[]>, plan: BenchPlan): string[] {
  const head = [`## 5. Log-in while ${plan.login.creators} clients create secret rooms in parallel`, ''];
  if (!o.ok) return [...head, `Not measured: ${o.error}`, ''];
  const runs = o.value;
  const ratio = column(runs, (r) => r.loadedP50Ms / r.quietP50Ms);
  return [
    ...head,
    `One user logs in ${plan.login.logins} times in a row on a quiet server, then again while ${plan.login.creators} guests create secret rooms as fast as they are let (each creation is one bcrypt hash; \`BCRYPT_ROUNDS=10\` and the production room-creation limit in this scenario).`,
    '',
    '| metric | median (min–max) |',
    '|---|---|',
    `| log-in p50, quiet (ms) | ${cell(column(runs, (r) => r.quietP50Ms))} |`,
    `| log-in p99, quiet (ms) | ${cell(column(runs, (r) => r.quietP99Ms))} |`,
    `| log-in p50, during creation (ms) | ${cell(column(runs, (r) => r.loadedP50Ms))} |`,
    `| log-in p99, during creation (ms) | ${cell(column(runs, (r) => r.loadedP99Ms))} |`,
    `| secret rooms created / refused (429) meanwhile | ${cell(column(runs, (r) => r.created), 0)} / ${cell(column(runs, (r) => r.refused), 0)} |`,
    `| p50 during / p50 quiet | ${cell(ratio, 2)} |`,
    '',
    `Goal: log-in p50 during creation at most ${GOALS.loginLoadedRatio}× the quiet figure: ${verdict(ratio.median <= GOALS.loginLoadedRatio)} (${fmt(ratio.median, 2)}×).`,
    '',
  ];
}

function startSection(o: Outcome<StartRun[]>): string[] {
  const head = ['## 6. Start: `npm start` on a built tree until `/api/health` answers', ''];
  if (!o.ok) return [...head, `Not measured: ${o.error}`, ''];
  const time = column(o.value, (r) => r.startToHealthMs);
  return [
    ...head,
    'A fresh SQLite file each run (migrations and seeders run); prestart finds the build current and builds nothing.',
    '',
    `Start to health: ${cell(time, 0)} ms. Goal at most ${GOALS.startToHealthMs} ms: ${verdict(time.median <= GOALS.startToHealthMs)}.`,
    '',
  ];
}

function habitsSection(o: Outcome<HabitsResult>, plan: BenchPlan): string[] {
  const head = [`## 7. Habits over the roll-up: records by history size, a ${plan.habits.streakDays}-day streak, the leaderboard of ${plan.habits.boardUsers} users`, ''];
  if (!o.ok) return [...head, `Not measured: ${o.error}`, ''];
  const { records, streak, board } = o.value;
  const row = (r: LatencyRow) => `| ${r.endpoint} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${r.requests} | ${r.non2xx} |`;
  const smallest = records[0];
  const largest = records[records.length - 1];
  const ratio = smallest && largest ? largest.p50Ms / smallest.p50Ms : Number.NaN;
  const boardP50 = Math.max(...board.map((b) => b.p50Ms));
  return [
    ...head,
    `One request in flight at a time (${plan.habits.requests} per endpoint after 10 warm-up requests), from the bench process to a server seeded straight into SQLite, roll-up included.`,
    '',
    '| endpoint | p50 (ms) | p99 (ms) | requests | non-2xx |',
    '|---|---|---|---|---|',
    ...records.map(row),
    row(streak),
    ...board.map(row),
    '',
    `Goal: records p50 at ${largest?.sessions ?? 'n/a'} sessions at most ${GOALS.recordsHistoryRatio}× the p50 at ${smallest?.sessions ?? 'n/a'}: ${verdict(ratio <= GOALS.recordsHistoryRatio)} (${fmt(ratio, 2)}×). ` +
      `Goal: leaderboard p50 < ${GOALS.leaderboardP50Ms} ms: ${verdict(boardP50 < GOALS.leaderboardP50Ms)} (slowest query ${fmt(boardP50)} ms).`,
    '',
  ];
}

export function renderReport(results: BenchResults, findings: string): string {
  const { machine: m, plan } = results;
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC (commit ${m.commit}; the whole run took ${fmt(results.seconds / 60)} min). Rerun it to replace this page; the raw figures of every run are in \`bench/last-run.json\`.`,
    '',
    '## Machine and versions',
    '',
    `- CPU: ${m.cpu}, ${m.cores} cores; RAM ${fmt(m.ramGb)} GB; ${m.os}`,
    `- Load average when the bench started (1/5/15 min): ${m.loadAverage.map((n) => fmt(n, 2)).join(' / ')}`,
    `- Node ${m.node}; socket.io ${m.socketIo} (client ${m.socketIoClient}); sequelize ${m.sequelize} on sqlite3 ${m.sqlite3}; autocannon ${m.autocannon}`,
    '',
    '## How it is measured',
    '',
    '- Command: `npm run bench` (= `tsx bench/run.ts`). Settings: `BENCH_RUNS` (default 3), `BENCH_ONLY=traffic,storm,idle,rest,login,start,habits`, `BENCH_CPU_PROF=<dir>` (V8 CPU profiles of the measured windows: ours in every scenario, the relay\'s too in room traffic), and the sizes in `bench/plan.ts`.',
    '- Each run forks a fresh server process on its own loopback port: ours (`createApp` with the embedded SQLite default in a temporary data dir, `NODE_ENV=production`, auth rate limits raised for the load, `LOG_LEVEL=warn`), or the bare Socket.IO relay in `bench/servers/relay-server.ts` (no auth, no validation, no state; `socket.to(room).emit`). The clients run in the bench process, so they never share an event loop with the server, and use `transports: [\'websocket\']`.',
    '- Server CPU and RSS come from `/proc/<pid>/stat` of the server process (the server does no work for it). CPU is the server\'s user+system time over the sending window, as a percentage of one core.',
    '- Latency: the sender puts `performance.now()` in the message text; the receiver (same process, same clock) subtracts it on `receive_message`.',
    `- Every figure is the median of ${plan.runs} runs, with the min–max spread in brackets. With-me and the relay alternate run by run in ABBA order (with-me first, then the relay first, ...), so neither always follows the other.`,
    '- Loopback on one machine: clients and server share the cores, so absolute figures are pessimistic for the server and the relay alike; the ratios are the point.',
    '',
  ];
  if (results.traffic) lines.push(...trafficSection(results.traffic, plan));
  if (results.storm) lines.push(...stormSection(results.storm, plan));
  if (results.idle) lines.push(...idleSection(results.idle, plan));
  if (results.rest) lines.push(...restSection(results.rest, plan));
  if (results.login) lines.push(...loginSection(results.login, plan));
  if (results.start) lines.push(...startSection(results.start));
  if (results.habits) lines.push(...habitsSection(results.habits, plan));
  if (findings.trim()) lines.push(findings.trim(), '');
  return lines.join('\n');
}
