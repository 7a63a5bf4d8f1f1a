'use strict';
/** Rooms, tags and room membership (with the time each member joined, for the master hand-over). */
module.exports = {
  async up(queryInterface, Sequelize) {
    const isMysql = queryInterface.sequelize.getDialect() === 'mysql';
    const tableOptions = isMysql ? { charset: 'utf8mb4', collate: 'utf8mb4_unicode_520_ci', engine: 'InnoDB' } : {};

    await queryInterface.createTable('rooms', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      title: { type: Sequelize.STRING(30), allowNull: false, unique: true },
      isSecret: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false },
      pwdHash: { type: Sequelize.STRING(100), allowNull: true },
      masterUserId: {
        type: Sequelize.INTEGER,
        allowNull: false,
        references: { model: 'users', key: 'id' },
        onDelete: 'CASCADE',
      },
      likeCnt: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
      participantCnt: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
      capacity: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 4 },
      categoryId: {
        type: Sequelize.INTEGER,
        allowNull: false,
        references: { model: 'categories', key: 'id' },
      },
      createdAt: { type: Sequelize.DATE(3), allowNull: false },
      updatedAt: { type: Sequelize.DATE(3), allowNull: false },
    }, tableOptions);
    await queryInterface.addIndex('rooms', ['createdAt', 'id']);
    await queryInterface.addIndex('rooms', ['categoryId', 'createdAt']);

    await queryInterface.createTable('tags', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: Sequelize.STRING(8), allowNull: false, unique: true },
    }, tableOptions);

    await queryInterface.createTable('room_tags', {
      roomId: {
        type: Sequelize.INTEGER,
        primaryKey: true,
        references: { model: 'rooms', key: 'id' },
        onDelete: 'CASCADE',
      },
      tagId: {
        type: Sequelize.INTEGER,
        primaryKey: true,
        references: { model: 'tags', key: 'id' },
        onDelete: 'CASCADE',
      },
    }, tableOptions);
    await queryInterface.addIndex('room_tags', ['tagId']);

    await queryInterface.createTable('room_members', {
      roomId: {
        type: Sequelize.INTEGER,
        primaryKey: true,
        references: { model: 'rooms', key: 'id' },
        onDelete: 'CASCADE',
      },
      userId: {
        type: Sequelize.INTEGER,
        primaryKey: true,
        references: { model: 'users', key: 'id' },
        onDelete: 'CASCADE',
      },
      joinedAt: { type: Sequelize.DATE(3), allowNull: false },
    }, tableOptions);
    // A user is a member of at most one room at a time.
    await queryInterface.addIndex('room_members', ['userId'], { unique: true, name: 'room_members_user_unique' });
  },

  async down(queryInterface) {
    for (const table of ['room_members', 'room_tags', 'tags', 'rooms']) await queryInterface.dropTable(table);
  },
};
