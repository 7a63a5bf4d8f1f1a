'use strict';
/**
 * Records read a user's entries that end after the start of this week or month. With only (userId,
 * joinedAt) that scans the user's whole history (a year of daily visits is thousands of rows); this index
 * lets the engine seek to "userId = ? AND (leftAt IS NULL OR leftAt > ?)" directly.
 */
module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('participation_entries', ['userId', 'leftAt'], { name: 'participation_entries_user_id_left_at' });
  },
  async down(queryInterface) {
    await queryInterface.removeIndex('participation_entries', 'participation_entries_user_id_left_at');
  },
};
