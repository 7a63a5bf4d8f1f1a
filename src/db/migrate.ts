import path from 'node:path';
import { DataTypes, type QueryInterface, Sequelize } from 'sequelize';
import { memoryStorage, SequelizeStorage, Umzug, type UmzugStorage } from 'umzug';

/**
 * Runs the sequelize-cli migrations (recorded in SequelizeMeta, the table sequelize-cli itself uses, so
 * `npm run db:migrate` and the server agree on what has run) and then the idempotent seeders.
 * The folders are found from the package root so that both `dist/` and `src/` (tests, tsx) work.
 */
const root = path.resolve(__dirname, '..', '..');

type CliModule = {
  up(qi: QueryInterface, S: typeof DataTypes & typeof Sequelize): Promise<void>;
  down?(qi: QueryInterface, S: typeof DataTypes & typeof Sequelize): Promise<void>;
};

function cliUmzug(sequelize: Sequelize, folder: string, storage: UmzugStorage) {
  const qi = sequelize.getQueryInterface();
  return new Umzug({
    migrations: {
      glob: ['*.js', { cwd: path.join(root, folder) }],
      resolve: ({ name, path: file }) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(file!) as CliModule;
        return {
          name,
          up: () => mod.up(qi, Sequelize as never),
          down: () => (mod.down ? mod.down(qi, Sequelize as never) : Promise.resolve()),
        };
      },
    },
    context: qi,
    storage,
    logger: undefined,
  });
}

export async function migrateAndSeed(sequelize: Sequelize): Promise<void> {
  if (sequelize.getDialect() === 'sqlite') {
    // WAL lets readers run while the one writer commits; foreign keys are off by default in SQLite.
    await sequelize.query('PRAGMA journal_mode = WAL');
  }
  await cliUmzug(sequelize, 'migrations', new SequelizeStorage({ sequelize, modelName: 'SequelizeMeta' })).up();
  // The seeders are idempotent and must run on every start and every database: without a storage of its
  // own, umzug would record them in a shared umzug.json file and skip them on the next (fresh) database.
  await cliUmzug(sequelize, 'seeders', memoryStorage()).up();
}
