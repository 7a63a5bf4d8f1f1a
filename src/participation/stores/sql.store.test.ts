import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateAndSeed } from '../../db/migrate';
import { createDb } from '../../db/sequelize';
import { freshMysqlDatabase } from '../../../test/support/test-app';
import { CONTRACT_TZ, contractListedAmong, participationStoreContract } from '../participation.store.contract';
import { createSqlParticipationStore } from './sql.store';

/** The embedded adapter on this run's engine: MariaDB when DATABASE_URL is set, else a SQLite file. */
participationStoreContract(`sql (${process.env.DATABASE_URL ? 'mysql' : 'sqlite'})`, async () => {
  if (process.env.DATABASE_URL) {
    const fresh = await freshMysqlDatabase(process.env.DATABASE_URL);
    const db = createDb({ dialect: 'mysql', url: fresh.url });
    await migrateAndSeed(db.sequelize);
    return { store: createSqlParticipationStore(db, { tzName: CONTRACT_TZ, listedAmong: contractListedAmong }), dispose: async () => (await db.close(), await fresh.drop()) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-store-'));
  const db = createDb({ dialect: 'sqlite', storage: path.join(dir, 'store.sqlite') });
  await migrateAndSeed(db.sequelize);
  return { store: createSqlParticipationStore(db, { tzName: CONTRACT_TZ, listedAmong: contractListedAmong }), dispose: async () => (await db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
});

describe('sql participation store: the roll-up backfill', () => {
  it('when entries were ended before the roll-up existed, the first start rolls them up once, split by day, open ones left out', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-backfill-'));
    const fresh = process.env.DATABASE_URL ? await freshMysqlDatabase(process.env.DATABASE_URL) : undefined;
    const db = fresh ? createDb({ dialect: 'mysql', url: fresh.url }) : createDb({ dialect: 'sqlite', storage: path.join(dir, 'b.sqlite') });
    try {
      await migrateAndSeed(db.sequelize);
      // Rows written by a server from before the roll-up: straight into the log, past the port.
      const kst = (d: number, h: number, mi = 0) => Date.UTC(2026, 4, d, h - 9, mi);
      const rows = [
        { id: 'old-1', userId: 5, roomId: 1, categoryId: 1, joinedAt: kst(1, 23, 0), leftAt: kst(2, 1, 0), heartbeatAt: kst(2, 1, 0) },
        { id: 'old-2', userId: 5, roomId: 1, categoryId: 1, joinedAt: kst(2, 9, 0), leftAt: kst(2, 9, 30), heartbeatAt: kst(2, 9, 30) },
        { id: 'old-3', userId: 5, roomId: 1, categoryId: 2, joinedAt: kst(2, 10, 0), leftAt: null, heartbeatAt: kst(2, 10, 5) },
      ];
      await db.sequelize.getQueryInterface().bulkInsert('participation_entries', rows);
      // As the roll-up's migration leaves a database that already held ended entries.
      await db.sequelize.query('UPDATE participation_rollup_state SET backfilledAt = NULL');
      const store = createSqlParticipationStore(db, { tzName: CONTRACT_TZ, listedAmong: contractListedAmong });
      expect(await store.backfillRollup()).toBe(2);
      expect(await store.backfillRollup()).toBe(0);
      const minutes = (await store.dayTotals(5, '2026-05-01', '2026-05-31')).map((t) => [t.day, t.categoryId, t.ms / 60_000]);
      expect(minutes).toEqual([['2026-05-01', 1, 60], ['2026-05-02', 1, 90]]);
    } finally {
      await db.close();
      await fresh?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
