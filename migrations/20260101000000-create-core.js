'use strict';
/**
 * Core schema: categories, badges, users, user badges, revoked tokens.
 * Runs unchanged on SQLite and MySQL/MariaDB (sequelize-cli format; the server runs it on start).
 * On MySQL every table uses utf8mb4_unicode_520_ci, not the older utf8mb4_unicode_ci, which weighs every
 * emoji the same and would call the nicknames "😀😀" and "😎😎" equal under a unique index.
 */

module.exports = {
  async up(queryInterface, Sequelize) {
    const isMysql = queryInterface.sequelize.getDialect() === 'mysql';
    const tableOptions = isMysql ? { charset: 'utf8mb4', collate: 'utf8mb4_unicode_520_ci', engine: 'InnoDB' } : {};
    const timestamps = {
      createdAt: { type: Sequelize.DATE(3), allowNull: false },
      updatedAt: { type: Sequelize.DATE(3), allowNull: false },
    };

    await queryInterface.createTable('categories', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      name: { type: Sequelize.STRING(10), allowNull: false, unique: true },
      slug: { type: Sequelize.STRING(20), allowNull: false, unique: true },
    }, tableOptions);

    await queryInterface.createTable('badges', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      name: { type: Sequelize.STRING(20), allowNull: false, unique: true },
      description: { type: Sequelize.STRING(60), allowNull: false },
      imageUrl: { type: Sequelize.STRING(300), allowNull: false },
      leftBadges: { type: Sequelize.INTEGER, allowNull: true },
    }, tableOptions);

    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      origin: { type: Sequelize.STRING(191), allowNull: false, unique: true },
      nickname: { type: Sequelize.STRING(32), allowNull: false, unique: true },
      pwdHash: { type: Sequelize.STRING(100), allowNull: true },
      profileImg: { type: Sequelize.STRING(500), allowNull: true },
      statusMsg: { type: Sequelize.STRING(40), allowNull: false },
      type: { type: Sequelize.STRING(10), allowNull: false },
      newBadge: { type: Sequelize.INTEGER, allowNull: true },
      masterBadgeId: {
        type: Sequelize.INTEGER,
        allowNull: true,
        references: { model: 'badges', key: 'id' },
        onDelete: 'SET NULL',
      },
      ...timestamps,
    }, tableOptions);

    await queryInterface.createTable('user_badges', {
      userId: {
        type: Sequelize.INTEGER,
        primaryKey: true,
        references: { model: 'users', key: 'id' },
        onDelete: 'CASCADE',
      },
      badgeId: {
        type: Sequelize.INTEGER,
        primaryKey: true,
        references: { model: 'badges', key: 'id' },
        onDelete: 'CASCADE',
      },
      acquiredAt: { type: Sequelize.DATE(3), allowNull: false },
    }, tableOptions);
    await queryInterface.addIndex('user_badges', ['badgeId']);

    await queryInterface.createTable('revoked_tokens', {
      jti: { type: Sequelize.STRING(64), primaryKey: true },
      expiresAt: { type: Sequelize.DATE(3), allowNull: false },
    }, tableOptions);
    await queryInterface.addIndex('revoked_tokens', ['expiresAt']);
  },

  async down(queryInterface) {
    for (const table of ['revoked_tokens', 'user_badges', 'users', 'badges', 'categories']) {
      await queryInterface.dropTable(table);
    }
  },
};
