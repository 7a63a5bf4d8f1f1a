'use strict';
/** The daily goal streaks are measured against (minutes) and whether the user is listed on the leaderboard. */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'dailyGoalMinutes', { type: Sequelize.INTEGER, allowNull: false, defaultValue: 30 });
    await queryInterface.addColumn('users', 'leaderboardVisible', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: true });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'leaderboardVisible');
    await queryInterface.removeColumn('users', 'dailyGoalMinutes');
  },
};
