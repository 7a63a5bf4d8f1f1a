import { DataTypes, Op, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Db } from '../../db/sequelize';
import { isUniqueViolation } from '../../errors';
import { toNumber, type RowModel } from '../../db/values';
import type { NewEntry, ParticipationEntry, ParticipationStore, RankQuery, RankedUser } from '../participation.store';
import { ALL_CATEGORIES, endDeltas, mergeDeltas, periodDeltas, periodKey, type DayDelta } from '../rollup';

type EntryRow = ParticipationEntry;

/** Ids per statement in `touch`: far below every engine's bound-parameter limit. */
const TOUCH_CHUNK = 500;
const INSERT_CHUNK = 500;
/** Roll-up rows per upsert statement (4 parameters each). */
const UPSERT_CHUNK = 200;
const BACKFILL_PAGE = 2_000;
const MINUTE_MS = 60_000;

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
  /** Which of these users the leaderboard may list (registered, not left it): the users table answers. */
  listedAmong: (userIds: readonly number[]) => Promise<ReadonlySet<number>>;
};

/**
 * The embedded adapter: participation_entries and its roll-up participation_day_totals in the app's own
 * SQLite or MySQL/MariaDB database. Every change of an entry's end and its roll-up commit together.
 */
export function createSqlParticipationStore(db: Db, { tzName, listedAmong }: SqlStoreOptions): ParticipationStore {
  const Entry = defineEntries(db.sequelize);
  const RollupState = defineRollupState(db.sequelize);
  const isMysql = db.sequelize.getDialect() === 'mysql';
  const totals = db.q('participation_day_totals');
  const periods = db.q('participation_period_totals');

  /** Upserts rows that add `totalMs` to what the key already holds (one statement per chunk). */
  async function upsertAdding(table: string, keys: readonly string[], rows: readonly unknown[][], transaction: Transaction, extra: readonly string[] = []): Promise<void> {
    const columns = [...keys, 'totalMs', ...extra];
    for (const part of chunks(rows, UPSERT_CHUNK)) {
      const values = part.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
      const onConflict = isMysql
        ? 'ON DUPLICATE KEY UPDATE totalMs = totalMs + VALUES(totalMs)'
        : `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET totalMs = totalMs + excluded.totalMs`;
      await db.sequelize.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ${onConflict}`, { replacements: part.flat(), transaction });
    }
  }

  /**
   * Adds day deltas to the day totals and to their week and month totals, inside `transaction`. `listed` (of
   * these users, the ones the board may show) is asked before the transaction opens: asking inside it would
   * hold one pooled connection while waiting for a second, and a burst of ends could exhaust the pool.
   */
  async function addToRollup(deltas: readonly DayDelta[], transaction: Transaction, listed: ReadonlySet<number>): Promise<void> {
    const days = mergeDeltas(deltas).filter((d) => d.ms > 0);
    if (days.length === 0) return;
    await upsertAdding(totals, ['userId', 'localDay', 'categoryId'], days.map((d) => [d.userId, d.day, d.categoryId, d.ms]), transaction);
    await upsertAdding(
      periods,
      ['period', 'categoryId', 'userId'],
      periodDeltas(days).map((p) => [p.period, p.categoryId, p.userId, p.ms, listed.has(p.userId)]),
      transaction,
      ['listed'],
    );
  }

  const listedOf = (userIds: readonly number[]) => listedAmong([...new Set(userIds)]);

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
      const owner = await Entry.findByPk(id, { raw: true, attributes: ['userId'] });
      if (!owner) return;
      const listed = await listedOf([toNumber(owner.userId)]);
      await db.tx(async (transaction) => {
        // The row lock (MySQL) or the one SQLite writer makes "read the previous end, move it, add the
        // difference" one step: two ends of one entry never both add the same span.
        const row = await Entry.findByPk(id, { transaction, lock: isMysql ? transaction.LOCK.UPDATE : undefined, raw: true });
        if (!row) return;
        const entry = toEntry(row);
        if (entry.leftAt !== null && entry.leftAt >= leftAt) return;
        await Entry.update({ leftAt }, { where: { id }, transaction });
        await addToRollup(endDeltas(entry, entry.leftAt, leftAt, tzName), transaction, listed);
      });
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
      const where = { leftAt: null, heartbeatAt: { [Op.lt]: before } };
      // An entry going stale between this read and the transaction is ended too; its user counts as unlisted
      // in a period row it creates, until their next visibility change (a narrow race, on the hint copy only).
      const owners = await Entry.findAll({ where, raw: true, attributes: ['userId'] });
      if (owners.length === 0) return 0;
      const listed = await listedOf(owners.map((o) => toNumber(o.userId)));
      return db.tx(async (transaction) => {
        const stale = (await Entry.findAll({ where, transaction, lock: isMysql ? transaction.LOCK.UPDATE : undefined, raw: true })).map(toEntry);
        if (stale.length === 0) return 0;
        await Entry.update({ leftAt: db.sequelize.col('heartbeatAt') as unknown as number }, { where: { ...where, id: stale.map((e) => e.id) }, transaction });
        await addToRollup(stale.flatMap((e) => endDeltas(e, null, e.heartbeatAt, tzName)), transaction, listed);
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
        const listed = await listedOf(part.map((e) => e.userId));
        await db.tx(async (transaction) => {
          await Entry.bulkCreate(part.map((e) => ({ ...e })), { transaction });
          await addToRollup(deltasOfEnded(part), transaction, listed);
        });
      }
    },

    async listOpen(userId) {
      // No ORDER BY: sorting by joinedAt made SQLite pick the (userId, joinedAt) index and scan the whole history.
      const rows = (await Entry.findAll({ where: { userId, leftAt: null }, raw: true })).map(toEntry);
      return rows.sort((a, b) => a.joinedAt - b.joinedAt);
    },

    async dayTotals(userId, fromDay, toDay) {
      const rows = await db.sequelize.query<{ localDay: string; categoryId: number; totalMs: number | string }>(
        `SELECT localDay, categoryId, totalMs FROM ${totals} WHERE userId = ? AND localDay >= ? AND localDay <= ? ORDER BY localDay, categoryId`,
        { replacements: [userId, fromDay, toDay], type: QueryTypes.SELECT },
      );
      return rows.map((r) => ({ day: r.localDay, categoryId: toNumber(r.categoryId), ms: toNumber(r.totalMs) }));
    },

    rankUsers: (query) => rankUsers(query),

    async setListed(userId, listed) {
      await db.tx((transaction) => db.sequelize.query(`UPDATE ${periods} SET listed = ? WHERE userId = ?`, { replacements: [listed, userId], transaction }));
    },

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
          // Once, at start, before anything else uses the pool: a second connection is free here.
          await addToRollup(deltasOfEnded(page), transaction, await listedOf(page.map((e) => e.userId)));
          count += page.length;
          after = page[page.length - 1]!.id;
        }
      });
    },

    ping: () => db.ping(),
    close: async () => undefined,
  };

  /**
   * Listed users' period totals are ordered by the (period, categoryId, listed, totalMs, userId) index: the top
   * is read from its end, and the asker's rank is one count over the same index from their next whole minute
   * up. No join and no grouping at read time.
   */
  async function rankUsers({ period, firstDay, categoryId, limit, userId }: RankQuery): Promise<{ top: RankedUser[]; me: RankedUser | null }> {
    const base = `FROM ${periods} WHERE period = :period AND categoryId = :categoryId AND listed = :listed`;
    const where = { period: periodKey(period, firstDay), categoryId: categoryId ?? ALL_CATEGORIES, listed: true };
    const rows = await db.sequelize.query<{ userId: number; totalMs: number | string }>(
      `SELECT userId, totalMs ${base} AND totalMs >= ${MINUTE_MS} ORDER BY totalMs DESC, userId ASC LIMIT :limit`,
      { replacements: { ...where, limit }, type: QueryTypes.SELECT },
    );
    const top: RankedUser[] = [];
    for (const [i, r] of rows.entries()) {
      const minutes = Math.floor(toNumber(r.totalMs) / MINUTE_MS);
      const previous = top[i - 1];
      top.push({ userId: toNumber(r.userId), minutes, rank: previous && previous.minutes === minutes ? previous.rank : i + 1 });
    }
    if (userId === null) return { top, me: null };
    const inTop = top.find((r) => r.userId === userId);
    if (inTop) return { top, me: inTop };
    const [mine] = await db.sequelize.query<{ totalMs: number | string }>(`SELECT totalMs ${base} AND userId = :userId`, {
      replacements: { ...where, userId },
      type: QueryTypes.SELECT,
    });
    const minutes = mine ? Math.floor(toNumber(mine.totalMs) / MINUTE_MS) : 0;
    if (minutes < 1) return { top, me: null };
    const [above] = await db.sequelize.query<{ n: number | string }>(`SELECT COUNT(*) AS n ${base} AND totalMs >= :next`, {
      replacements: { ...where, next: (minutes + 1) * MINUTE_MS },
      type: QueryTypes.SELECT,
    });
    return { top, me: { userId, minutes, rank: toNumber(above?.n ?? 0) + 1 } };
  }
}
