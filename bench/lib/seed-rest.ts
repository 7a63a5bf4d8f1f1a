import { seedHistory } from '../../src/participation/seed-history';
import { createSqlParticipationStore } from '../../src/participation/stores/sql.store';
import { insertChunked, insertUsers, tokensFor, withSeedDb } from './seed-db';

/** A title word that the text-search request looks for; about one room in 20 carries it (title or tag). */
export const SEARCH_WORD = 'focus';
const WORDS = ['study', 'gym', 'yoga', 'coding', 'piano', 'exam', 'math', 'novel', 'english', 'run', 'chat', 'draw', 'cook', 'chess', 'art', 'sleep', 'read', 'math2', 'quiet', SEARCH_WORD];
const TAGS = Array.from({ length: 200 }, (_, i) => `tag${i}`).concat([SEARCH_WORD]);

export type RestSeed = { roomCount: number; recordsUserToken: string; sessions: number; searchWord: string };

/** Deterministic pseudo-random numbers, so every bench run seeds the same data. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Writes the REST scenario's data straight into the server's SQLite file before the server starts:
 * `roomCount` rooms, each with its master as its one member and 0-3 tags, and one user with a year of
 * participation (`sessions` presences, by the participation module's own seeder). Returns a token for that user, signed with the server's secret.
 */
export async function seedRestData(sqlitePath: string, jwtSecret: string, roomCount: number, sessions: number, now = Date.now()): Promise<RestSeed> {
  return withSeedDb(sqlitePath, async (db) => {
    const random = lcg(42);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    const at = (msAgo: number) => new Date(now - msAgo);

    await insertUsers(db, roomCount, at(0));
    await insertChunked(db, 'tags', TAGS.map((name, i) => ({ id: i + 1, name })));

    const rooms: Record<string, unknown>[] = [];
    const members: Record<string, unknown>[] = [];
    const roomTags: Record<string, unknown>[] = [];
    for (let i = 0; i < roomCount; i++) {
      const id = i + 1;
      const created = at((roomCount - i) * 60_000);
      rooms.push({ id, title: `${pick(WORDS)} room ${id}`, isSecret: random() < 0.1, pwdHash: null, masterUserId: id, likeCnt: 0, participantCnt: 1, capacity: 4, categoryId: 1 + (id % 6), createdAt: created, updatedAt: created });
      members.push({ roomId: id, userId: id, joinedAt: created });
      const tagIds = new Set(Array.from({ length: Math.floor(random() * 4) }, () => 1 + Math.floor(random() * TAGS.length)));
      for (const tagId of tagIds) roomTags.push({ roomId: id, tagId });
    }
    await insertChunked(db, 'rooms', rooms);
    await insertChunked(db, 'room_members', members);
    await insertChunked(db, 'room_tags', roomTags);

    const recordsUserId = 1;
    await seedHistory(createSqlParticipationStore(db, { tzName: 'Asia/Seoul', listedAmong: async () => new Set() }), { userId: recordsUserId, sessions, endAt: now, seed: 42 });

    const [recordsUser] = tokensFor(jwtSecret, [recordsUserId]);
    return { roomCount, recordsUserToken: (recordsUser as { token: string }).token, sessions, searchWord: SEARCH_WORD };
  });
}
