'use strict';
/**
 * Who uploaded which image file, and how large it is: the per-user storage quota sums `bytes`, and the
 * clean-up removes files that no profile refers to any more (replaced, or uploaded and never used).
 * Files uploaded before this table existed have no row; they are kept and count towards nobody's quota.
 */
module.exports = {
  async up(queryInterface, Sequelize) {
    const isMysql = queryInterface.sequelize.getDialect() === 'mysql';
    const tableOptions = isMysql ? { charset: 'utf8mb4', collate: 'utf8mb4_unicode_520_ci', engine: 'InnoDB' } : {};
    await queryInterface.createTable('uploads', {
      name: { type: Sequelize.STRING(64), primaryKey: true },
      userId: { type: Sequelize.INTEGER, allowNull: false, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
      bytes: { type: Sequelize.INTEGER, allowNull: false },
      createdAt: { type: Sequelize.DATE(3), allowNull: false },
    }, tableOptions);
    await queryInterface.addIndex('uploads', ['userId', 'createdAt'], { name: 'uploads_user_id_created_at' });
    await queryInterface.addIndex('uploads', ['createdAt'], { name: 'uploads_created_at' });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('uploads');
  },
};
