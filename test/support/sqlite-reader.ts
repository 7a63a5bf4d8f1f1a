import type { DbConfig } from '../../src/config';
import { createDb, type Db } from '../../src/db/sequelize';

export type EntryRow = { id: string; userId: number; roomId: number; joinedAt: number; leftAt: number | null; heartbeatAt: number };

/**
 * A second connection to a server process's SQLite file, for reading what it stored (WAL mode lets
 * it read while the server writes).
 */
export function openSqliteReader(storage: string) {
  return openDbReader({ dialect: 'sqlite', storage });
}

/** The same reader on either engine (a server process's MariaDB database included). */
export function openDbReader(config: DbConfig) {
  let db: Db | undefined;
  const connection = () => (db ??= createDb(config));
  return {
    async entries(userId?: number): Promise<EntryRow[]> {
      const [rows] = await connection().sequelize.query(
        `SELECT id, userId, roomId, joinedAt, leftAt, heartbeatAt FROM participation_entries ${userId === undefined ? '' : 'WHERE userId = ?'} ORDER BY joinedAt`,
        { replacements: userId === undefined ? [] : [userId] },
      );
      return (rows as Record<string, unknown>[]).map((r) => ({
        id: String(r.id),
        userId: Number(r.userId),
        roomId: Number(r.roomId),
        joinedAt: Number(r.joinedAt),
        leftAt: r.leftAt === null ? null : Number(r.leftAt),
        heartbeatAt: Number(r.heartbeatAt),
      }));
    },
    async memberCount(roomId: number): Promise<number> {
      const [rows] = await connection().sequelize.query('SELECT COUNT(*) AS n FROM room_members WHERE roomId = ?', { replacements: [roomId] });
      return Number((rows as { n: number }[])[0]!.n);
    },
    async close() {
      await db?.close();
      db = undefined;
    },
  };
}
