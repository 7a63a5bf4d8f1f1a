/**
 * A server process that a test kills with SIGKILL: it opens a presence, sends one heartbeat ten minutes
 * later, lets fifty more minutes pass that no heartbeat vouches for, prints READY and waits to be killed.
 * Usage (env: the database settings): node --import tsx crashing-server.ts <userId> <startAtMs>
 */
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createManualClock } from '../../src/shared/clock';

const MIN = 60_000;

async function main() {
  const [userId, startAt] = process.argv.slice(2).map(Number) as [number, number];
  const clock = createManualClock(startAt);
  const app = await createApp(loadConfig(process.env), { clock });
  app.presenceEvents.emit('presence-started', { userId, roomId: 77, categoryId: 3, at: clock.now() });
  const deadline = Date.now() + 30_000;
  while ((await app.participationStore.listOverlapping(userId, 0, Number.MAX_SAFE_INTEGER)).length === 0) {
    if (Date.now() > deadline) throw new Error('the presence was never stored');
    await new Promise((r) => setTimeout(r, 20));
  }
  clock.advance(10 * MIN);
  await app.participationRecorder.tick();
  clock.advance(50 * MIN);
  process.stdout.write('READY\n');
  setInterval(() => undefined, 60_000);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});
