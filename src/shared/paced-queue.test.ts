import { createManualClock } from './clock';
import { createPacedQueue } from './paced-queue';

/** A job that takes `ms` of (manual) clock time, finishing when the test moves the clock. */
function slowJob(clock: ReturnType<typeof createManualClock>, ms: number, log: string[], name: string) {
  return () =>
    new Promise<string>((resolve) => {
      log.push(`start ${name} @${clock.now()}`);
      clock.setTimeout(() => resolve(name), ms);
    });
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('createPacedQueue', () => {
  it('runs one job at a time and rests three times as long as a job took at a quarter share', async () => {
    const clock = createManualClock(0);
    const queue = createPacedQueue({ share: 0.25, maxWaiting: 10, clock });
    const log: string[] = [];
    const a = queue.run(slowJob(clock, 100, log, 'a'));
    const b = queue.run(slowJob(clock, 100, log, 'b'));
    await flush();
    expect(log).toEqual(['start a @0']);
    clock.advance(100);
    await expect(a).resolves.toBe('a');
    await flush();
    // a ended at 100; b may start only after a rest of 300.
    clock.advance(299);
    await flush();
    expect(log).toEqual(['start a @0']);
    clock.advance(1);
    await flush();
    expect(log).toEqual(['start a @0', 'start b @400']);
    clock.advance(100);
    await expect(b).resolves.toBe('b');
  });

  it('refuses beyond maxWaiting with UNAVAILABLE, and a failing job neither blocks the next nor loses its error', async () => {
    const clock = createManualClock(0);
    const queue = createPacedQueue({ share: 1, maxWaiting: 2, clock });
    const failing = queue.run(() => Promise.reject(new Error('hash failed')));
    const next = queue.run(async () => 'next');
    await expect(queue.run(async () => 'third')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(failing).rejects.toThrow('hash failed');
    await expect(next).resolves.toBe('next');
    expect(queue.waiting()).toBe(0);
  });
});
