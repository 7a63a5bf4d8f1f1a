import { createTokens } from '../../src/auth/tokens';
import { migrateAndSeed } from '../../src/db/migrate';
import { createDb, type Db } from '../../src/db/sequelize';
import type { BenchUser } from './api';

/**
 * Writes bench data straight into a server's SQLite file before the server starts. Signing thousands
 * of users up over the API would take most of the bench's time and measure the sign-up, which is not
 * what these scenarios are about (the join storm measures entries over the API).
 */
export async function withSeedDb<T>(sqlitePath: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb({ dialect: 'sqlite', storage: sqlitePath });
  try {
    await migrateAndSeed(db.sequelize);
    return await work(db);
  } finally {
    await db.close();
  }
}

export async function insertChunked(db: Db, table: string, rows: Record<string, unknown>[]) {
  const qi = db.sequelize.getQueryInterface();
  await db.tx(async (transaction) => {
    for (let i = 0; i < rows.length; i += 500) await qi.bulkInsert(table, rows.slice(i, i + 500), { transaction });
  });
}

/** Guest-like users with ids 1..count. */
export async function insertUsers(db: Db, count: number, now: Date): Promise<number[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    origin: `bench-${i + 1}@example.com`,
    nickname: `b${(i + 1).toString(36)}`,
    pwdHash: null,
    profileImg: null,
    statusMsg: 'bench',
    type: 'anon',
    newBadge: null,
    masterBadgeId: null,
    createdAt: now,
    updatedAt: now,
  }));
  await insertChunked(db, 'users', rows);
  return rows.map((r) => r.id);
}

/** Access tokens as the server would issue them (same secret), so the bench skips one request per user. */
export function tokensFor(jwtSecret: string, userIds: readonly number[]): BenchUser[] {
  const tokens = createTokens({ secret: jwtSecret, expiresIn: '1d' });
  return userIds.map((id) => ({ id, token: tokens.issueAccess(id) }));
}

export type SeededPopulation = { users: BenchUser[]; roomIds: number[] };

/**
 * `count` users, and when `roomSize` is given, rooms of that many members each (the first is master),
 * as if they had all entered over REST. Each user's room is `roomIds[i]`.
 */
export async function seedPopulation(sqlitePath: string, jwtSecret: string, count: number, roomSize?: number): Promise<SeededPopulation> {
  const now = new Date();
  return withSeedDb(sqlitePath, async (db) => {
    const ids = await insertUsers(db, count, now);
    const roomIds: number[] = [];
    if (roomSize) {
      const rooms: Record<string, unknown>[] = [];
      const members: Record<string, unknown>[] = [];
      for (let i = 0; i < count; i++) {
        const roomId = 1 + Math.floor(i / roomSize);
        roomIds.push(roomId);
        if (i % roomSize === 0) {
          const size = Math.min(roomSize, count - i);
          rooms.push({ id: roomId, title: `bench room ${roomId}`, isSecret: false, pwdHash: null, masterUserId: ids[i], likeCnt: 0, participantCnt: size, capacity: 4, categoryId: 3, createdAt: now, updatedAt: now });
        }
        members.push({ roomId, userId: ids[i], joinedAt: new Date(now.getTime() + (i % roomSize)) });
      }
      await insertChunked(db, 'rooms', rooms);
      await insertChunked(db, 'room_members', members);
    }
    return { users: tokensFor(jwtSecret, ids), roomIds };
  });
}
