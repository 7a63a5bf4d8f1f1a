import { AsyncLocalStorage } from 'node:async_hooks';
import type { Sequelize } from 'sequelize';

/**
 * A deadline for MySQL/MariaDB work that tells a hung server from a busy one.
 *
 * A server that stops answering without closing its connections (stopped, swapped out, a network that
 * drops packets) leaves queries waiting forever and requests waiting up to the pool's 30 s acquire
 * timeout. A plain per-query timeout would also cut a log-in burst whose requests queue for a connection
 * on a healthy server (that is why `acquire` is 30 s). So the rule is about progress: a query, a
 * connection wait or a transaction fails with ETIMEDOUT (UNAVAILABLE, 503) only when *no* query anywhere
 * has completed for `timeoutMs`. While the server answers anything, waiting work keeps waiting.
 *
 * Work that is given up on never runs later: a connection that arrives after its caller gave up goes
 * straight back to the pool, and a transaction given up on before its work began rolls back instead.
 * A statement already sent before the hang may still be applied by the server when it resumes; no
 * client can know, and the caller was told 503.
 */
export type QueryDeadline = {
  /** Runs `work` under the deadline; `abandoned()` tells the work, once it may start, that its caller gave up. */
  within<T>(work: (abandoned: () => boolean) => Promise<T>): Promise<T>;
  /** Runs `work` (migrations on start: long DDL, nothing else running) with no deadline. */
  exempt<T>(work: () => Promise<T>): Promise<T>;
};

type Call = { abandoned: boolean; exempt?: boolean };

/** Longest wait even while other queries make progress: the pool's own acquire timeout. */
const MAX_WAIT_MS = 30_000;

const timedOut = (timeoutMs: number) =>
  Object.assign(new Error(`the database answered nothing for ${timeoutMs} ms`), { code: 'ETIMEDOUT', name: 'SequelizeConnectionTimedOutError' });

/** Counted as progress: the server answered, even with an SQL error. Connection failures are not answers. */
const isServerAnswer = (err: unknown) => {
  const name = (err as { name?: string } | undefined)?.name ?? '';
  return name === 'SequelizeDatabaseError' || name === 'SequelizeUniqueConstraintError' || name === 'SequelizeForeignKeyConstraintError';
};

export function installQueryDeadline(sequelize: Sequelize, timeoutMs: number): QueryDeadline {
  const calls = new AsyncLocalStorage<Call>();
  let lastProgressAt = Date.now();

  function within<T>(work: (abandoned: () => boolean) => Promise<T>): Promise<T> {
    const outer = calls.getStore();
    if (outer?.exempt) return work(() => false);
    const call: Call = { abandoned: false };
    const running = calls.run(call, () => work(() => call.abandoned));
    const startedAt = Date.now();
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const check = () => {
        // A timer may fire late after the event loop was blocked; answers already in the socket buffer are
        // read in the poll phase, so the decision waits until after it (setImmediate) to count them.
        setImmediate(() => {
          if (settled) return;
          const now = Date.now();
          const quietFor = now - lastProgressAt;
          if (quietFor >= timeoutMs || now - startedAt >= MAX_WAIT_MS) {
            settled = true;
            call.abandoned = true;
            reject(timedOut(timeoutMs));
          } else {
            timer = setTimeout(check, timeoutMs - quietFor);
          }
        });
      };
      timer = setTimeout(check, timeoutMs);
      running.then(
        (value) => {
          clearTimeout(timer);
          if (settled) return;
          settled = true;
          resolve(value);
        },
        (err: unknown) => {
          clearTimeout(timer);
          if (settled) return;
          settled = true;
          reject(err);
        },
      );
    });
  }

  // Every model method and raw query goes through sequelize.query, and every connection through
  // getConnection; wrapping the two covers all of them.
  const query = sequelize.query.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  (sequelize as unknown as { query: typeof query }).query = (...args: unknown[]) =>
    within(() =>
      query(...args).then(
        (value) => {
          lastProgressAt = Date.now();
          return value;
        },
        (err: unknown) => {
          if (isServerAnswer(err)) lastProgressAt = Date.now();
          throw err;
        },
      ),
    );

  const manager = sequelize.connectionManager as unknown as {
    getConnection(options?: unknown): Promise<unknown>;
    releaseConnection(connection: unknown): void;
  };
  const getConnection = manager.getConnection.bind(manager);
  manager.getConnection = async (options?: unknown) => {
    const call = calls.getStore();
    const connection = await getConnection(options);
    if (call?.abandoned) {
      manager.releaseConnection(connection);
      throw timedOut(timeoutMs);
    }
    return connection;
  };

  return {
    within,
    exempt: (work) => calls.run({ abandoned: false, exempt: true }, work),
  };
}
