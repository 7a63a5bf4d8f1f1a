'use strict';
/**
 * The embedded participation log: one row per presence in a room. Times are epoch milliseconds in
 * BIGINT so that both dialects store and compare them identically (no driver date conversions).
 */
module.exports = {
  async up(queryInterface, Sequelize) {
    const isMysql = queryInterface.sequelize.getDialect() === 'mysql';
    const tableOptions = isMysql ? { charset: 'utf8mb4', engine: 'InnoDB' } : {};
    await queryInterface.createTable('participation_entries', {
      id: { type: Sequelize.STRING(36), primaryKey: true },
      userId: { type: Sequelize.INTEGER, allowNull: false },
      roomId: { type: Sequelize.INTEGER, allowNull: false },
      categoryId: { type: Sequelize.INTEGER, allowNull: false },
      joinedAt: { type: Sequelize.BIGINT, allowNull: false },
      leftAt: { type: Sequelize.BIGINT, allowNull: true },
      heartbeatAt: { type: Sequelize.BIGINT, allowNull: false },
    }, tableOptions);
    await queryInterface.addIndex('participation_entries', ['userId', 'joinedAt']);
    await queryInterface.addIndex('participation_entries', ['leftAt']);
  },
  async down(queryInterface) {
    await queryInterface.dropTable('participation_entries');
  },
};
