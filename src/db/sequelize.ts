import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction } from 'sequelize';
import sqlite3 from 'sqlite3';
import type { DbConfig } from '../config';
import { createMutex } from '../shared/mutex';
import { installQueryDeadline, type QueryDeadline } from './query-deadline';

export type Db = {
  sequelize: Sequelize;
  dialect: DbConfig['dialect'];
  /**
   * Runs `work` in one transaction: every write in it commits or none does. On SQLite, transactions are
   * serialised in-process, because each Sequelize transaction opens its own SQLite connection and two
   * writers would otherwise fail with SQLITE_BUSY. On MySQL a deadlock victim is retried.
   */
  tx<T>(work: (t: Transaction) => Promise<T>): Promise<T>;
  /** Quotes an identifier for raw SQL fragments that must compile on both dialects. */
  q(identifier: string): string;
  ping(timeoutMs?: number): Promise<void>;
  /** Runs `work` (the migrations on start) without the MySQL query deadline (`query-deadline.ts`). */
  withoutDeadline<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

const isDeadlock = (err: unknown): boolean => {
  const code = (err as { parent?: { code?: string } } | undefined)?.parent?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
};

/**
 * sqlite3 fails at once with SQLITE_BUSY when another connection holds the write lock. Sequelize opens
 * one connection per transaction, and a second app instance (a second process, or a test's second server)
 * may share the file, so every connection waits up to 5 s for the lock instead.
 */
class BusyWaitingDatabase extends sqlite3.Database {
  constructor(filename: string, mode?: number, callback?: (err: Error | null) => void) {
    super(filename, mode ?? sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, callback);
    this.configure('busyTimeout', 5_000);
  }

  /**
   * Sequelize releases a transaction's connection with `close()` and no callback. If `sequelize.close()`
   * (a stop, a lost database) already closed that handle, sqlite3 reports SQLITE_MISUSE as an 'error'
   * event nobody listens to, which is an uncaught exception that ends the process. A closed handle
   * closing again needs nothing done.
   */
  override close(callback?: (err: Error | null) => void): void {
    super.close(callback ?? (() => undefined));
  }
}
const sqliteModule = { ...sqlite3, Database: BusyWaitingDatabase };

export function createDb(config: DbConfig, opts: { logging?: (sql: string) => void } = {}): Db {
  const logging = opts.logging ?? false;
  let sequelize: Sequelize;
  let deadline: QueryDeadline | undefined;
  if (config.dialect === 'sqlite') {
    fs.mkdirSync(path.dirname(config.storage), { recursive: true });
    // IMMEDIATE: a transaction takes the write lock when it begins. A deferred one that read first and then
    // writes, while another process's writer committed meanwhile, fails with SQLITE_BUSY at once (WAL cannot
    // let it wait without a deadlock), which two processes' grace checks on one file did.
    sequelize = new Sequelize({ dialect: 'sqlite', storage: config.storage, logging, dialectModule: sqliteModule, transactionType: Transaction.TYPES.IMMEDIATE });
  } else {
    sequelize = new Sequelize(config.url, {
      dialect: 'mysql',
      logging,
      timezone: '+00:00',
      dialectOptions: { connectTimeout: 2_000, charset: 'utf8mb4' },
      // A burst (many log-ins at once, all touching the firstCome stock row) queues for a connection; 2 s
      // turned such a burst into 503s. An unreachable server still fails fast through connectTimeout.
      pool: { max: 10, min: 0, acquire: 30_000, idle: 10_000 },
      define: { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    });
    // A server that hangs (no answer, connections left open) would hold requests for the whole acquire
    // wait; this fails them with 503 once nothing at all has been answered for queryTimeoutMs.
    deadline = installQueryDeadline(sequelize, config.queryTimeoutMs ?? 1_500);
  }
  const lock = createMutex();

  async function tx<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    // IMMEDIATE takes SQLite's write lock at BEGIN, waiting out the busy timeout: a deferred transaction that
    // reads and then writes fails at once with SQLITE_BUSY when another process (sharing the file) wrote in between.
    if (config.dialect === 'sqlite') return lock.run(() => sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, work));
    const bounded = deadline ?? { within: <R>(w: (abandoned: () => boolean) => Promise<R>) => w(() => false) };
    for (let attempt = 1; ; attempt++) {
      try {
        return await bounded.within((abandoned) =>
          sequelize.transaction((t) => {
            // Given up on while waiting for a connection or BEGIN: roll back rather than write after a 503.
            if (abandoned()) throw Object.assign(new Error('transaction given up on before it began'), { code: 'ETIMEDOUT' });
            return work(t);
          }),
        );
      } catch (err) {
        if (!isDeadlock(err) || attempt >= 3) throw err;
      }
    }
  }

  async function ping(timeoutMs = 1_500): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('database ping timed out'), { code: 'ETIMEDOUT' })), timeoutMs);
    });
    try {
      await Promise.race([sequelize.query('SELECT 1'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    sequelize,
    dialect: config.dialect,
    tx,
    q: (id) => sequelize.getQueryInterface().quoteIdentifier(id),
    ping,
    withoutDeadline: (work) => (deadline ? deadline.exempt(work) : work()),
    close: () => sequelize.close(),
  };
}
