import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateAndSeed } from '../../db/migrate';
import { createDb } from '../../db/sequelize';
import { freshMysqlDatabase } from '../../../test/support/test-app';
import { participationStoreContract } from '../participation.store.contract';
import { createSqlParticipationStore } from './sql.store';

/** The embedded adapter on this run's engine: MariaDB when DATABASE_URL is set, else a SQLite file. */
participationStoreContract(`sql (${process.env.DATABASE_URL ? 'mysql' : 'sqlite'})`, async () => {
  if (process.env.DATABASE_URL) {
    const fresh = await freshMysqlDatabase(process.env.DATABASE_URL);
    const db = createDb({ dialect: 'mysql', url: fresh.url });
    await migrateAndSeed(db.sequelize);
    return { store: createSqlParticipationStore(db), dispose: async () => (await db.close(), await fresh.drop()) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-store-'));
  const db = createDb({ dialect: 'sqlite', storage: path.join(dir, 'store.sqlite') });
  await migrateAndSeed(db.sequelize);
  return { store: createSqlParticipationStore(db), dispose: async () => (await db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
});
