'use strict';
/**
 * A Korean display name per badge (`label`), beside `name`, which stays the original client's key
 * ("beauty", "firstCome"). Existing catalogues are filled here with the labels as they are today; a fresh
 * database gets them from the seeder, which runs after the migrations.
 */
const LABELS = {
  1: '뷰티 60분',
  2: '운동 60분',
  3: '스터디 60분',
  4: '상담 60분',
  5: '문화 60분',
  6: '기타 60분',
  7: '선착순 100명',
  8: '리뷰어',
  9: '잠긴 뱃지',
};

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('badges', 'label', { type: Sequelize.STRING(20), allowNull: true });
    for (const [id, label] of Object.entries(LABELS)) await queryInterface.bulkUpdate('badges', { label }, { id: Number(id) });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('badges', 'label');
  },
};
