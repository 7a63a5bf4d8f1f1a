'use strict';
/**
 * The participation roll-up (src/participation/rollup.ts): milliseconds per user, calendar day in TZ_NAME
 * ("YYYY-MM-DD") and category, added to when an entry's end is stored, with week and month totals beside it.
 * Records, streaks and the leaderboard read them instead of the whole log. `participation_rollup_state` has one row whose `backfilledAt` the first
 * starting server sets, in the same transaction as it fills the roll-up from the entries ended before it.
 */
module.exports = {
  async up(queryInterface, Sequelize) {
    const isMysql = queryInterface.sequelize.getDialect() === 'mysql';
    const tableOptions = isMysql ? { charset: 'utf8mb4', engine: 'InnoDB' } : {};
    await queryInterface.createTable('participation_day_totals', {
      userId: { type: Sequelize.INTEGER, allowNull: false, primaryKey: true },
      localDay: { type: Sequelize.STRING(10), allowNull: false, primaryKey: true },
      categoryId: { type: Sequelize.INTEGER, allowNull: false, primaryKey: true },
      totalMs: { type: Sequelize.BIGINT, allowNull: false },
    }, tableOptions);
    // Per user and week ("W" + its Monday) or month ("M2026-03"), per category and for all (categoryId 0): the
    // leaderboard reads the top of one (period, categoryId) by an index instead of grouping every user's days.
    await queryInterface.createTable('participation_period_totals', {
      period: { type: Sequelize.STRING(11), allowNull: false, primaryKey: true },
      categoryId: { type: Sequelize.INTEGER, allowNull: false, primaryKey: true },
      userId: { type: Sequelize.INTEGER, allowNull: false, primaryKey: true },
      totalMs: { type: Sequelize.BIGINT, allowNull: false },
      // A copy of "the user may be listed" (registered, not left the board), so ranking needs no join to users.
      listed: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: true },
    }, tableOptions);
    await queryInterface.addIndex('participation_period_totals', ['period', 'categoryId', 'listed', 'totalMs', 'userId'], { name: 'participation_period_totals_rank' });
    await queryInterface.addIndex('participation_period_totals', ['userId'], { name: 'participation_period_totals_user' });
    await queryInterface.createTable('participation_rollup_state', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      backfilledAt: { type: Sequelize.BIGINT, allowNull: true },
    }, tableOptions);
    // A database without ended entries has nothing to backfill: marked done here, so entries written through
    // the store before the first start (seeding, imports) are rolled up once, by their own write.
    const [[{ n }]] = await queryInterface.sequelize.query('SELECT COUNT(*) AS n FROM participation_entries WHERE leftAt IS NOT NULL');
    await queryInterface.bulkInsert('participation_rollup_state', [{ id: 1, backfilledAt: Number(n) === 0 ? Date.now() : null }]);
  },
  async down(queryInterface) {
    await queryInterface.dropTable('participation_rollup_state');
    await queryInterface.dropTable('participation_period_totals');
    await queryInterface.dropTable('participation_day_totals');
  },
};
