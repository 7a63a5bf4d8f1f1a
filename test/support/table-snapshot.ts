import type { Sequelize } from 'sequelize';

/** The tables a request may change: users, rooms and their membership, badges, tokens, participation. */
export const STORED_TABLES = ['users', 'user_badges', 'revoked_tokens', 'rooms', 'tags', 'room_tags', 'room_members', 'participation_entries'] as const;

/**
 * Every row of the stored tables, in a stable order and in a form that compares equal across reads, so a
 * test can prove that a rejected request changed nothing.
 */
export async function snapshotTables(sequelize: Sequelize, tables: readonly string[] = STORED_TABLES): Promise<Record<string, string[]>> {
  const qi = sequelize.getQueryInterface();
  const snapshot: Record<string, string[]> = {};
  for (const table of tables) {
    const [rows] = await sequelize.query(`SELECT * FROM ${qi.quoteIdentifier(table)}`);
    snapshot[table] = (rows as Record<string, unknown>[])
      .map((row) => JSON.stringify(Object.keys(row).sort().map((k) => [k, normalise(row[k])])))
      .sort();
  }
  return snapshot;
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  // MariaDB returns BIGINT and DECIMAL as strings, SQLite as numbers: compare them as strings.
  if (typeof value === 'number') return String(value);
  return value;
}
