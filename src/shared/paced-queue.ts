import { AppError } from '../errors';
import type { Clock } from './clock';

type PacedQueueOptions = {
  /** The share of time the work may take: after a job that took `d` ms, the next starts `d / share - d` later. */
  share: number;
  /** Jobs waiting beyond this are refused at once (503), so a flood cannot queue for ever. */
  maxWaiting: number;
  clock: Pick<Clock, 'now' | 'setTimeout'>;
};

export const queueFull = () => new AppError('UNAVAILABLE', '요청이 많아 잠시 후 다시 시도해 주세요.');

/**
 * Runs jobs one at a time and rests between them, so expensive work (a bcrypt hash) never takes more than
 * `share` of one core however many callers arrive at once: the rest of the machine stays free for others.
 * A caller gets its answer as soon as its own job is done; the rest after it delays only the next job.
 */
export function createPacedQueue({ share, maxWaiting, clock }: PacedQueueOptions) {
  let tail: Promise<void> = Promise.resolve();
  let waiting = 0;
  const rest = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? clock.setTimeout(resolve, ms) : resolve()));

  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      if (waiting >= maxWaiting) return Promise.reject(queueFull());
      waiting++;
      return new Promise<T>((resolve, reject) => {
        tail = tail.then(async () => {
          waiting--;
          const started = clock.now();
          await work().then(resolve, reject);
          const took = clock.now() - started;
          await rest(took / share - took);
        });
      });
    },
    waiting: () => waiting,
  };
}
