import { buildHistory } from '../../src/participation/seed-history';
import { addDays, dateKey, localDateOf, mondayBasedWeekday } from '../../src/participation/calendar';
import { periodDeltas } from '../../src/participation/rollup';
import { createSqlParticipationStore } from '../../src/participation/stores/sql.store';
import { insertChunked, insertUsers, tokensFor, withSeedDb } from './seed-db';

export type HabitsSeed = {
  /** One user per history size, with that many sessions in the last year. */
  records: { sessions: number; token: string }[];
  streak: { days: number; token: string };
  board: { users: number; token: string };
};

const TZ = 'Asia/Seoul';
const DAY_MS = 86_400_000;

/**
 * The habits scenario's data, straight into the server's SQLite file: `boardUsers` registered users, each
 * with 1-3 roll-up rows on this week's days (and their week and month totals) (so every one of them is on the board); users 1..n with a year of
 * sessions each (written through the store, so their roll-up is what a live server would have made); and
 * one user with a session every day for `streakDays` days.
 */
export async function seedHabitsData(sqlitePath: string, jwtSecret: string, sizes: readonly number[], streakDays: number, boardUsers: number, now = Date.now()): Promise<HabitsSeed> {
  return withSeedDb(sqlitePath, async (db) => {
    const userCount = Math.max(boardUsers, sizes.length + 1);
    const ids = await insertUsers(db, userCount, new Date(now));
    await db.sequelize.query("UPDATE users SET type = 'local'");
    const store = createSqlParticipationStore(db, { tzName: TZ, listedAmong: async (userIds) => new Set(userIds) });

    for (const [i, sessions] of sizes.entries()) await store.appendMany(buildHistory({ userId: i + 1, sessions, endAt: now - 3_600_000, seed: 7 + i }));
    const streakUser = sizes.length + 1;
    await store.appendMany(
      Array.from({ length: streakDays }, (_, d) => {
        const joinedAt = now - (d + 1) * DAY_MS;
        return { id: `streak-${d}`, userId: streakUser, roomId: 1, categoryId: 3, joinedAt, leftAt: joinedAt + 40 * 60_000, heartbeatAt: joinedAt + 40 * 60_000 };
      }),
    );

    // Board users beyond the ones above: roll-up rows straight into the table (a week of every one's minutes).
    const today = localDateOf(now, TZ);
    const monday = addDays(today, -mondayBasedWeekday(today));
    const daysSoFar = mondayBasedWeekday(today) + 1;
    let s = 12345;
    const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const rows: Record<string, unknown>[] = [];
    for (let userId = streakUser + 1; userId <= boardUsers; userId++) {
      const used = new Set<string>();
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        const localDay = dateKey(addDays(monday, Math.floor(random() * daysSoFar)));
        const categoryId = 1 + Math.floor(random() * 6);
        if (used.has(`${localDay}|${categoryId}`)) continue;
        used.add(`${localDay}|${categoryId}`);
        rows.push({ userId, localDay, categoryId, totalMs: Math.floor(random() * 240) * 60_000 + Math.floor(random() * 60_000) });
      }
    }
    await insertChunked(db, 'participation_day_totals', rows);
    const weekAndMonth = periodDeltas(rows.map((r) => ({ userId: r.userId as number, day: r.localDay as string, categoryId: r.categoryId as number, ms: r.totalMs as number })));
    await insertChunked(db, 'participation_period_totals', weekAndMonth.map((p) => ({ period: p.period, categoryId: p.categoryId, userId: p.userId, totalMs: p.ms, listed: true })));

    const tokens = tokensFor(jwtSecret, ids.slice(0, Math.max(streakUser, Math.min(boardUsers, Math.floor(boardUsers / 2)))));
    const tokenOf = (id: number) => (tokens.find((u) => u.id === id) as { token: string }).token;
    return {
      records: sizes.map((sessions, i) => ({ sessions, token: tokenOf(i + 1) })),
      streak: { days: streakDays, token: tokenOf(streakUser) },
      // Someone in the middle of the board asks, so "me" is ranked too.
      board: { users: boardUsers, token: tokenOf(Math.max(streakUser, Math.floor(boardUsers / 2))) },
    };
  });
}
