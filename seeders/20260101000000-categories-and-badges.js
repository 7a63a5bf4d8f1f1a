'use strict';
/**
 * The 6 categories and 9 badges with the ids the web client hard-codes (../shared/contract.md), then
 * with-me's own badges from id 10 on (10, 11: a daily goal met 7 and 30 days in a row).
 * `label` is the Korean display name (migration 20260104000000 fills it on older databases).
 * Idempotent: rows that already exist are left alone, so the firstCome stock is never refilled.
 */
const CATEGORIES = [
  { id: 1, name: '뷰티', slug: 'beauty' },
  { id: 2, name: '운동', slug: 'sports' },
  { id: 3, name: '스터디', slug: 'study' },
  { id: 4, name: '상담', slug: 'counseling' },
  { id: 5, name: '문화', slug: 'culture' },
  { id: 6, name: '기타', slug: 'etc' },
];

const img = (file) => `/badges/${file}.svg`;
const BADGES = [
  { id: 1, name: 'beauty', label: '뷰티 60분', description: '뷰티 카테고리 1시간 달성 시 지급되는 뱃지입니다.', imageUrl: img('beauty'), leftBadges: null },
  { id: 2, name: 'sports', label: '운동 60분', description: '운동 카테고리 1시간 달성 시 지급되는 뱃지입니다.', imageUrl: img('sports'), leftBadges: null },
  { id: 3, name: 'study', label: '스터디 60분', description: '스터디 카테고리 1시간 달성 시 지급되는 뱃지입니다.', imageUrl: img('study'), leftBadges: null },
  { id: 4, name: 'counseling', label: '상담 60분', description: '상담 카테고리 1시간 달성 시 지급되는 뱃지입니다.', imageUrl: img('counseling'), leftBadges: null },
  { id: 5, name: 'culture', label: '문화 60분', description: '문화 카테고리 1시간 달성 시 지급되는 뱃지입니다.', imageUrl: img('culture'), leftBadges: null },
  { id: 6, name: 'etc', label: '기타 60분', description: '기타 카테고리 1시간 달성 시 지급되는 뱃지입니다.', imageUrl: img('etc'), leftBadges: null },
  { id: 7, name: 'firstCome', label: '선착순 100명', description: '선착순 100명에게만 지급되는 뱃지입니다.', imageUrl: img('firstCome'), leftBadges: 100 },
  { id: 8, name: 'reviewer', label: '리뷰어', description: '버그나 리뷰를 제보해주신 분께 지급되는 뱃지입니다.', imageUrl: img('bug'), leftBadges: null },
  { id: 9, name: 'lock', label: '잠긴 뱃지', description: '잠긴 뱃지', imageUrl: img('lock'), leftBadges: null },
  { id: 10, name: 'streak7', label: '7일 연속', description: '하루 목표를 7일 연속 달성하면 지급되는 뱃지입니다.', imageUrl: img('streak7'), leftBadges: null },
  { id: 11, name: 'streak30', label: '30일 연속', description: '하루 목표를 30일 연속 달성하면 지급되는 뱃지입니다.', imageUrl: img('streak30'), leftBadges: null },
];

async function insertMissing(queryInterface, table, rows) {
  const [existing] = await queryInterface.sequelize.query(`SELECT id FROM ${queryInterface.quoteIdentifier(table)}`);
  const have = new Set(existing.map((r) => Number(r.id)));
  const missing = rows.filter((r) => !have.has(r.id));
  if (missing.length) await queryInterface.bulkInsert(table, missing);
}

module.exports = {
  CATEGORIES,
  BADGES,
  async up(queryInterface) {
    await insertMissing(queryInterface, 'categories', CATEGORIES);
    await insertMissing(queryInterface, 'badges', BADGES);
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('badges', { id: BADGES.map((b) => b.id) });
    await queryInterface.bulkDelete('categories', { id: CATEGORIES.map((c) => c.id) });
  },
};
