'use strict';
/**
 * Uniqueness of nicknames and live room titles is decided by a key stored beside the value, not by the
 * engine's collation: SQLite compares bytes, MariaDB's utf8mb4_unicode_520_ci ignores case and accents,
 * so the same two names were one conflict on MariaDB and two accounts on SQLite. The key is the SHA-256
 * of the comparison text (src/shared/text.ts: NFKC, invisible characters removed, case folded, Cyrillic
 * and Greek look-alikes mapped to Latin), so both engines compare the same 64 ASCII characters.
 *
 * Existing rows are backfilled with a copy of that function as it is today (a migration must not change
 * with the app). Rows whose keys already collide keep their value; the later ones (by id) get their key
 * suffixed with their id, so the index can be built and a new name can still not copy either.
 * On MariaDB the collation-based unique indexes on users.nickname and rooms.title are dropped: they would
 * refuse names the key tells apart ("Café" and "cafe"), which SQLite accepts.
 */
const crypto = require('node:crypto');

const INVISIBLE = /[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202f\u205f-\u2064\u206a-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]/gu;
const LATIN_LOOKALIKES = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
};
const LOOKALIKE = new RegExp(`[${Object.keys(LATIN_LOOKALIKES).join('')}]`, 'gu');
const textKey = (s) => {
  const folded = s.normalize('NFKC').replace(INVISIBLE, '').toUpperCase().toLowerCase().normalize('NFKC');
  return crypto.createHash('sha256').update(folded.replace(LOOKALIKE, (c) => LATIN_LOOKALIKES[c]), 'utf8').digest('hex');
};

async function addKey(queryInterface, Sequelize, table, column, keyColumn, isMysql) {
  await queryInterface.addColumn(table, keyColumn, { type: Sequelize.STRING(80), allowNull: true });
  const [rows] = await queryInterface.sequelize.query(`SELECT id, ${column} AS value FROM ${table} ORDER BY id`);
  const seen = new Set();
  for (const row of rows) {
    let key = textKey(String(row.value));
    if (seen.has(key)) key = `${key}#${row.id}`;
    seen.add(key);
    await queryInterface.bulkUpdate(table, { [keyColumn]: key }, { id: row.id });
  }
  if (isMysql) {
    const [indexes] = await queryInterface.sequelize.query(`SHOW INDEX FROM ${table} WHERE Column_name = '${column}' AND Non_unique = 0`);
    for (const name of new Set(indexes.map((i) => i.Key_name))) await queryInterface.removeIndex(table, name);
  }
  await queryInterface.addIndex(table, [keyColumn], { unique: true, name: `${table}_${keyColumn}_unique` });
}

module.exports = {
  async up(queryInterface, Sequelize) {
    const isMysql = queryInterface.sequelize.getDialect() === 'mysql';
    await addKey(queryInterface, Sequelize, 'users', 'nickname', 'nicknameKey', isMysql);
    await addKey(queryInterface, Sequelize, 'rooms', 'title', 'titleKey', isMysql);
  },
  async down(queryInterface) {
    await queryInterface.removeIndex('rooms', 'rooms_titleKey_unique');
    await queryInterface.removeColumn('rooms', 'titleKey');
    await queryInterface.removeIndex('users', 'users_nicknameKey_unique');
    await queryInterface.removeColumn('users', 'nicknameKey');
  },
};
