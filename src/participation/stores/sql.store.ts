import { DataTypes, Op, type Sequelize } from 'sequelize';
import type { Db } from '../../db/sequelize';
import { isUniqueViolation } from '../../errors';
import { toNumber, type RowModel } from '../../db/values';
import type { NewEntry, ParticipationEntry, ParticipationStore } from '../participation.store';

type EntryRow = ParticipationEntry;

/** Ids per statement in `touch`: far below every engine's bound-parameter limit. */
const TOUCH_CHUNK = 500;
const INSERT_CHUNK = 500;

function defineEntries(sequelize: Sequelize): RowModel<EntryRow> {
  if (sequelize.isDefined('ParticipationEntry')) return sequelize.model('ParticipationEntry') as RowModel<EntryRow>;
  return sequelize.define(
    'ParticipationEntry',
    {
      id: { type: DataTypes.STRING(36), primaryKey: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      roomId: { type: DataTypes.INTEGER, allowNull: false },
      categoryId: { type: DataTypes.INTEGER, allowNull: false },
      joinedAt: { type: DataTypes.BIGINT, allowNull: false },
      leftAt: { type: DataTypes.BIGINT, allowNull: true },
      heartbeatAt: { type: DataTypes.BIGINT, allowNull: false },
    },
    { tableName: 'participation_entries', timestamps: false },
  ) as RowModel<EntryRow>;
}

/** mysql2 returns BIGINT as strings, SQLite as numbers. */
const toEntry = (row: EntryRow): ParticipationEntry => ({
  id: row.id,
  userId: toNumber(row.userId),
  roomId: toNumber(row.roomId),
  categoryId: toNumber(row.categoryId),
  joinedAt: toNumber(row.joinedAt),
  leftAt: row.leftAt == null ? null : toNumber(row.leftAt),
  heartbeatAt: toNumber(row.heartbeatAt),
});

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** The embedded adapter: the participation_entries table in the app's own SQLite or MySQL/MariaDB database. */
export function createSqlParticipationStore(db: Db): ParticipationStore {
  const Entry = defineEntries(db.sequelize);

  return {
    async append(entry: NewEntry) {
      try {
        await db.tx((transaction) => Entry.create({ ...entry, leftAt: null }, { transaction }));
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    },

    async end(id, leftAt) {
      await db.tx((transaction) =>
        Entry.update({ leftAt }, { where: { id, [Op.or]: [{ leftAt: null }, { leftAt: { [Op.lt]: leftAt } }] }, transaction }),
      );
    },

    async touch(ids, at) {
      for (const part of chunks(ids, TOUCH_CHUNK)) {
        await db.tx((transaction) => Entry.update({ heartbeatAt: at }, { where: { id: part, leftAt: null }, transaction }));
      }
    },

    async resumeOpen(userId, roomId, at) {
      // A read, then one conditional write of its own: a transaction that reads and then writes would make
      // another process's SQLite writer fail with SQLITE_BUSY instead of waiting.
      const row = await Entry.findOne({ where: { userId, roomId, leftAt: null }, order: [['joinedAt', 'DESC']], raw: true });
      if (!row) return null;
      await db.tx((transaction) => Entry.update({ heartbeatAt: at }, { where: { id: row.id, leftAt: null }, transaction }));
      // Read back rather than trust the affected count (MySQL counts a row whose value did not change as 0): a
      // sweep that ended the entry in between wins, and the caller starts a new one.
      const after = await Entry.findOne({ where: { id: row.id }, raw: true });
      return after && after.leftAt == null ? toEntry(after) : null;
    },

    async endStale(before) {
      const [count] = await db.tx((transaction) =>
        Entry.update(
          { leftAt: db.sequelize.col('heartbeatAt') as unknown as number },
          { where: { leftAt: null, heartbeatAt: { [Op.lt]: before } }, transaction },
        ),
      );
      return count;
    },

    async listOverlapping(userId, from, to) {
      const rows = await Entry.findAll({
        where: { userId, joinedAt: { [Op.lt]: to }, [Op.or]: [{ leftAt: null }, { leftAt: { [Op.gt]: from } }] },
        order: [['joinedAt', 'ASC']],
        raw: true,
      });
      return rows.map(toEntry);
    },

    async appendMany(entries) {
      for (const part of chunks(entries, INSERT_CHUNK)) {
        await db.tx((transaction) => Entry.bulkCreate(part.map((e) => ({ ...e })), { transaction }));
      }
    },

    ping: () => db.ping(),
    close: async () => undefined,
  };
}
