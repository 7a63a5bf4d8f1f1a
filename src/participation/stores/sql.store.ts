import { DataTypes, Op, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Db } from '../../db/sequelize';
import { isUniqueViolation } from '../../errors';
import { toNumber, type RowModel } from '../../db/values';
import type { NewEntry, ParticipationEntry, ParticipationStore, RankQuery, RankedUser } from '../participation.store';
import { endDeltas, mergeDeltas, type DayDelta } from '../rollup';

type EntryRow = ParticipationEntry;

/** Ids per statement in `touch`: far below every engine's bound-parameter limit. */
const TOUCH_CHUNK = 500;
const INSERT_CHUNK = 500;
/** Roll-up rows per upsert statement (4 parameters each). */
const UPSERT_CHUNK = 200;
const BACKFILL_PAGE = 2_000;

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

function defineRollupState(sequelize: Sequelize): RowModel<{ id: number; backfilledAt: number | null }> {
  if (sequelize.isDefined('ParticipationRollupState')) return sequelize.model('ParticipationRollupState') as RowModel<{ id: number; backfilledAt: number | null }>;
  return sequelize.define(
    'ParticipationRollupState',
    { id: { type: DataTypes.INTEGER, primaryKey: true }, backfilledAt: { type: DataTypes.BIGINT, allowNull: true } },
    { tableName: 'participation_rollup_state', timestamps: false },
  ) as RowModel<{ id: number; backfilledAt: number | null }>;
}

export type SqlStoreOptions = {
  /** TZ_NAME: the roll-up's days are calendar days in this zone. */
  tzName: string;
};

/**
 * The embedded adapter: participation_entries and its roll-up participation_day_totals in the app's own
 * SQLite or MySQL/MariaDB database. Every change of an entry's end and its roll-up commit together.
 */
export function createSqlParticipationStore(db: Db, { tzName }: SqlStoreOptions): ParticipationStore {
  const Entry = defineEntries(db.sequelize);
  const RollupState = defineRollupState(db.sequelize);
  const isMysql = db.sequelize.getDialect() === 'mysql';
  const totals = db.q('participation_day_totals');

  /** Adds milliseconds to roll-up rows, creating the missing ones (an upsert per chunk, inside `transaction`). */
  async function addToRollup(deltas: readonly DayDelta[], transaction: Transaction): Promise<void> {
    const rows = mergeDeltas(deltas).filter((d) => d.ms > 0);
    for (const part of chunks(rows, UPSERT_CHUNK)) {
      const values = part.map(() => '(?, ?, ?, ?)').join(', ');
      const onConflict = isMysql
        ? 'ON DUPLICATE KEY UPDATE totalMs = totalMs + VALUES(totalMs)'
        : 'ON CONFLICT (userId, localDay, categoryId) DO UPDATE SET totalMs = totalMs + excluded.totalMs';
      await db.sequelize.query(`INSERT INTO ${totals} (userId, localDay, categoryId, totalMs) VALUES ${values} ${onConflict}`, {
        replacements: part.flatMap((d) => [d.userId, d.day, d.categoryId, d.ms]),
        transaction,
      });
    }
  }

  const deltasOfEnded = (entries: readonly ParticipationEntry[]) =>
    entries.flatMap((e) => (e.leftAt === null ? [] : endDeltas(e, null, e.leftAt, tzName)));

  return {
    async append(entry: NewEntry) {
      try {
        await db.tx((transaction) => Entry.create({ ...entry, leftAt: null }, { transaction }));
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    },

    async end(id, leftAt) {
      await db.tx(async (transaction) => {
        // The row lock (MySQL) or the one SQLite writer makes "read the previous end, move it, add the
        // difference" one step: two ends of one entry never both add the same span.
        const row = await Entry.findByPk(id, { transaction, lock: isMysql ? transaction.LOCK.UPDATE : undefined, raw: true });
        if (!row) return;
        const entry = toEntry(row);
        if (entry.leftAt !== null && entry.leftAt >= leftAt) return;
        await Entry.update({ leftAt }, { where: { id }, transaction });
        await addToRollup(endDeltas(entry, entry.leftAt, leftAt, tzName), transaction);
      });
    },

    async touch(ids, at) {
      for (const part of chunks(ids, TOUCH_CHUNK)) {
        await db.tx((transaction) => Entry.update({ heartbeatAt: at }, { where: { id: part, leftAt: null }, transaction }));
      }
    },

    async endStale(before) {
      return db.tx(async (transaction) => {
        const where = { leftAt: null, heartbeatAt: { [Op.lt]: before } };
        const stale = (await Entry.findAll({ where, transaction, lock: isMysql ? transaction.LOCK.UPDATE : undefined, raw: true })).map(toEntry);
        if (stale.length === 0) return 0;
        await Entry.update({ leftAt: db.sequelize.col('heartbeatAt') as unknown as number }, { where: { ...where, id: stale.map((e) => e.id) }, transaction });
        await addToRollup(stale.flatMap((e) => endDeltas(e, null, e.heartbeatAt, tzName)), transaction);
        return stale.length;
      });
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
        await db.tx(async (transaction) => {
          await Entry.bulkCreate(part.map((e) => ({ ...e })), { transaction });
          await addToRollup(deltasOfEnded(part), transaction);
        });
      }
    },

    async listOpen(userId) {
      return (await Entry.findAll({ where: { userId, leftAt: null }, order: [['joinedAt', 'ASC']], raw: true })).map(toEntry);
    },

    async dayTotals(userId, fromDay, toDay) {
      const rows = await db.sequelize.query<{ localDay: string; categoryId: number; totalMs: number | string }>(
        `SELECT localDay, categoryId, totalMs FROM ${totals} WHERE userId = ? AND localDay >= ? AND localDay <= ? ORDER BY localDay, categoryId`,
        { replacements: [userId, fromDay, toDay], type: QueryTypes.SELECT },
      );
      return rows.map((r) => ({ day: r.localDay, categoryId: toNumber(r.categoryId), ms: toNumber(r.totalMs) }));
    },

    rankUsers: (query) => rankUsers(query),

    async backfillRollup() {
      return db.tx(async (transaction) => {
        // Claiming the state row decides which server backfills; every other one sees it taken and skips.
        const [claimed] = await RollupState.update({ backfilledAt: Date.now() }, { where: { id: 1, backfilledAt: null }, transaction });
        if (claimed !== 1) return 0;
        let count = 0;
        for (let after = ''; ; ) {
          const page = (
            await Entry.findAll({ where: { id: { [Op.gt]: after }, leftAt: { [Op.ne]: null } }, order: [['id', 'ASC']], limit: BACKFILL_PAGE, raw: true, transaction })
          ).map(toEntry);
          if (page.length === 0) return count;
          await addToRollup(deltasOfEnded(page), transaction);
          count += page.length;
          after = page[page.length - 1]!.id;
        }
      });
    },

    ping: () => db.ping(),
    close: async () => undefined,
  };

  /**
   * One grouped query over the period's roll-up rows, joined to users for the listing; window functions
   * (SQLite >= 3.25, MariaDB >= 10.2) give the shared rank and the row position in the same pass.
   */
  async function rankUsers({ fromDay, toDay, categoryId, limit, userId }: RankQuery): Promise<{ top: RankedUser[]; me: RankedUser | null }> {
    const minutes = isMysql ? 't.ms DIV 60000' : 'CAST(t.ms / 60000 AS INTEGER)';
    const rows = await db.sequelize.query<{ userId: number; minutes: number | string; rnk: number | string; pos: number | string }>(
      `WITH t AS (
         SELECT r.userId AS userId, SUM(r.totalMs) AS ms
         FROM ${totals} r JOIN ${db.q('users')} u ON u.id = r.userId
         WHERE r.localDay >= :fromDay AND r.localDay <= :toDay ${categoryId === null ? '' : 'AND r.categoryId = :categoryId'}
           AND u.type <> 'anon' AND u.leaderboardVisible = 1
         GROUP BY r.userId
       ), m AS (
         SELECT t.userId AS userId, ${minutes} AS minutes FROM t
       ), ranked AS (
         SELECT userId, minutes, RANK() OVER (ORDER BY minutes DESC) AS rnk, ROW_NUMBER() OVER (ORDER BY minutes DESC, userId ASC) AS pos
         FROM m WHERE minutes > 0
       )
       SELECT userId, minutes, rnk, pos FROM ranked WHERE pos <= :limit OR userId = :me ORDER BY pos`,
      { replacements: { fromDay, toDay, categoryId, limit, me: userId ?? 0 }, type: QueryTypes.SELECT },
    );
    const ranked = rows.map((r) => ({ userId: toNumber(r.userId), minutes: toNumber(r.minutes), rank: toNumber(r.rnk), pos: toNumber(r.pos) }));
    const present = ({ userId: id, minutes: m, rank }: RankedUser) => ({ userId: id, minutes: m, rank });
    const mine = userId === null ? undefined : ranked.find((r) => r.userId === userId);
    return { top: ranked.filter((r) => r.pos <= limit).map(present), me: mine ? present(mine) : null };
  }
}
