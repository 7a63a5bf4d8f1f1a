import { spawn } from 'node:child_process';
import path from 'node:path';
import { createManualClock } from '../../src/shared/clock';
import { makeUser } from '../support/factories';
import { eventually } from '../support/socket-client';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';

const MIN = 60_000;
const kst = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h - 9, mi);
const START = kst(2026, 2, 3, 9); // a Tuesday

/** Runs crashing-server.ts on `first`'s database, waits for its READY and kills it with SIGKILL (no close runs). */
async function crashAServer(first: TestApp, userId: number): Promise<void> {
  // The child gets the parent's database and nothing else: no Redis or MongoDB it might have configured.
  const { REDIS_URL: _redis, MONGODB_URL: _mongo, ...inherited } = process.env;
  // The child moves its clock an hour ahead: its own heartbeat must not fall due on the way, or its last
  // beat would race the kill.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crashing-server.ts'), String(userId), String(START)], {
    env: { ...inherited, ...first.dbEnv, NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', HEARTBEAT_MS: '86400000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
    void exited.then((code) => reject(new Error(`crashing server exited early (${code}): ${stderr}`)));
  });
  child.kill('SIGKILL');
  await exited;
}

describe('entries left open by a crash', () => {
  let first: TestApp;
  let second: TestApp | undefined;
  beforeAll(async () => {
    first = await startTestApp({ HEARTBEAT_MS: '3600000' }, { clock: createManualClock(START) });
  });
  afterAll(async () => {
    await second?.close();
    await first.close();
  });

  it('are ended at their last heartbeat by the next start: minutes neither lost nor invented', async () => {
    const user = await makeUser(first);
    await crashAServer(first, user.id);
    const [left] = await first.app.participationStore.listOverlapping(user.id, 0, Number.MAX_SAFE_INTEGER);
    expect(left).toMatchObject({ joinedAt: START, leftAt: null, heartbeatAt: START + 10 * MIN });

    const clock = createManualClock(START + 3 * 60 * MIN);
    second = await startTestApp({ HEARTBEAT_MS: '60000' }, { shareDatabaseWith: first, clock });
    await eventually(async () => (await second!.app.participationStore.listOverlapping(user.id, 0, Number.MAX_SAFE_INTEGER))[0]?.leftAt != null, 10_000);
    const [recovered] = await second.app.participationStore.listOverlapping(user.id, 0, Number.MAX_SAFE_INTEGER);
    expect(recovered!.leftAt).toBe(START + 10 * MIN);
    const records = await second.http().get('/api/user/me/records').set(user.auth).expect(200);
    expect(records.body.data.todayRecord[2].time).toBe(10);
  }, 120_000);
});

describe('a live server', () => {
  const clock = createManualClock(START);
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ HEARTBEAT_MS: '60000' }, { clock });
  });
  afterAll(() => t.close());

  it('keeps its open entries fresh on each heartbeat, so its own sweep never ends them', async () => {
    const user = await makeUser(t);
    t.app.presenceEvents.emit('presence-started', { userId: user.id, roomId: 5, categoryId: 1, at: clock.now() });
    await eventually(async () => (await t.app.participationStore.listOverlapping(user.id, 0, Number.MAX_SAFE_INTEGER)).length === 1);
    clock.advance(90 * MIN);
    await t.app.participationRecorder.tick();
    const [entry] = await t.app.participationStore.listOverlapping(user.id, 0, Number.MAX_SAFE_INTEGER);
    expect(entry).toMatchObject({ leftAt: null, heartbeatAt: START + 90 * MIN });
  });

  it('ends the presences still open when it shuts down, at the moment it stops', async () => {
    const own = await startTestApp({ HEARTBEAT_MS: '60000' }, { clock, shareDatabaseWith: t });
    const user = await makeUser(own);
    own.app.presenceEvents.emit('presence-started', { userId: user.id, roomId: 6, categoryId: 2, at: clock.now() });
    await eventually(async () => (await own.app.participationStore.listOverlapping(user.id, 0, Number.MAX_SAFE_INTEGER)).length === 1);
    clock.advance(12 * MIN);
    const stoppedAt = clock.now();
    await own.close();
    const [entry] = await t.app.participationStore.listOverlapping(user.id, 0, Number.MAX_SAFE_INTEGER);
    expect(entry!.leftAt).toBe(stoppedAt);
  });
});
