import type { BadgesRepo } from '../badges/badges.repo';
import type { BadgesService } from '../badges/badges.service';
import type { LeaderboardView, StreakView } from '../contract/habits';
import { userNotFound } from '../errors';
import { addDays, dateKey, daysInMonth, localDateOf, mondayBasedWeekday, startOfLocalDay } from '../participation/calendar';
import type { ParticipationService } from '../participation/participation.service';
import type { ParticipationStore } from '../participation/participation.store';
import type { Clock } from '../shared/clock';
import type { UsersRepo } from '../users/users.repo';
import type { LeaderboardQuery } from './habits.schema';
import { computeStreak } from './streaks';

type HabitsServiceDeps = {
  participation: Pick<ParticipationService, 'msPerDay'>;
  store: Pick<ParticipationStore, 'rankUsers' | 'setListed'>;
  users: Pick<UsersRepo, 'habitSettings' | 'updateHabits' | 'boardUsers'>;
  badges: Pick<BadgesService, 'awardStreak'>;
  badgeCatalogue: Pick<BadgesRepo, 'catalogue'>;
  clock: Clock;
  /** TZ_NAME: days, weeks (Monday first) and months are calendar ones in this zone. */
  tzName: string;
};

/** Daily goal, streaks and the leaderboard, all over the participation roll-up (server-measured minutes). */
export function createHabitsService(deps: HabitsServiceDeps) {
  const { participation, store, users, badges, clock, tzName } = deps;

  async function settingsOf(userId: number) {
    const settings = await users.habitSettings(userId);
    if (!settings) throw userNotFound();
    return settings;
  }

  async function setDailyGoal(userId: number, minutes: number) {
    await settingsOf(userId);
    await users.updateHabits(userId, { dailyGoalMinutes: minutes });
    return { minutes };
  }

  async function setLeaderboardVisible(userId: number, visible: boolean) {
    await settingsOf(userId);
    await users.updateHabits(userId, { leaderboardVisible: visible });
    // The totals' copy follows; a failure here leaves the board stale, so the PATCH fails and can be repeated.
    await store.setListed(userId, visible && (await settingsOf(userId)).type !== 'anon');
    return { visible };
  }

  /** The streak now; awards the streak badges its longest run earned (also checked after each stored end). */
  async function streakOf(userId: number): Promise<StreakView> {
    const now = clock.now();
    const { dailyGoalMinutes } = await settingsOf(userId);
    const streak = computeStreak(await participation.msPerDay(userId, now), localDateOf(now, tzName), dailyGoalMinutes);
    await badges.awardStreak(userId, streak.longest, new Date(now));
    return streak;
  }

  /** For the recorder's end hook: a user gone meanwhile is no error. */
  async function awardStreakBadges(userId: number): Promise<void> {
    if (await users.habitSettings(userId)) await streakOf(userId);
  }

  /** The period around `now`: this week (Monday first) or this month, as local days and instants. */
  function periodOf(period: LeaderboardQuery['period'], now: number) {
    const today = localDateOf(now, tzName);
    const first = period === 'week' ? addDays(today, -mondayBasedWeekday(today)) : { ...today, day: 1 };
    const last = period === 'week' ? addDays(first, 6) : { ...today, day: daysInMonth(today.year, today.month) };
    return { first, last, from: startOfLocalDay(first, tzName), to: startOfLocalDay(addDays(last, 1), tzName) };
  }

  async function leaderboard(viewerId: number, q: LeaderboardQuery): Promise<LeaderboardView> {
    const p = periodOf(q.period, clock.now());
    const viewer = await settingsOf(viewerId);
    const listed = viewer.type !== 'anon' && viewer.leaderboardVisible;
    const { top, me } = await store.rankUsers({
      period: q.period,
      firstDay: dateKey(p.first),
      categoryId: q.categoryId ?? null,
      limit: q.limit,
      userId: listed ? viewerId : null,
    });
    const [shown, catalogue] = await Promise.all([users.boardUsers(top.map((r) => r.userId)), deps.badgeCatalogue.catalogue()]);
    const userById = new Map(shown.map((u) => [u.id, u]));
    const badgeById = new Map(catalogue.map((b) => [b.id, b]));
    const entries = top.flatMap((r) => {
      const u = userById.get(r.userId);
      if (!u) return [];
      const b = u.masterBadgeId ? badgeById.get(u.masterBadgeId) : undefined;
      return [{ rank: r.rank, userId: r.userId, nickname: u.nickname, profileImg: u.profileImg, masterBadge: b ? { id: b.id, name: b.name, imageUrl: b.imageUrl } : null, minutes: r.minutes }];
    });
    return { period: q.period, from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString(), entries, me: me ? { rank: me.rank, minutes: me.minutes } : null };
  }

  return { setDailyGoal, setLeaderboardVisible, streakOf, awardStreakBadges, leaderboard };
}
export type HabitsService = ReturnType<typeof createHabitsService>;
