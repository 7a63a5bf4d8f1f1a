/**
 * The habit wire shapes: the daily goal and streak (`GET /api/user/:userId/streak`) and the leaderboard
 * (`GET /api/leaderboard`), shared by the server and the web client.
 */
export type StreakDay = { date: string; minutes: number; met: boolean };
export type StreakView = {
  goalMinutes: number;
  /** Days in a row with the goal met, up to today if today is met, else up to yesterday. */
  current: number;
  longest: number;
  today: { minutes: number; met: boolean };
  /** The 7 days ending today, oldest first; dates are "YYYY-MM-DD" in TZ_NAME. */
  last7: StreakDay[];
};

export type LeaderboardPeriod = 'week' | 'month';
export type LeaderboardEntry = {
  rank: number;
  userId: number;
  nickname: string;
  profileImg: string | null;
  masterBadge: { id: number; name: string; imageUrl: string } | null;
  minutes: number;
};
export type LeaderboardView = {
  period: LeaderboardPeriod;
  /** The period as ISO UTC instants, [from, to): Monday 00:00 (or the 1st) in TZ_NAME to the next one. */
  from: string;
  to: string;
  entries: LeaderboardEntry[];
  /** The asker's own place; null for a guest, a user who left the board, or one without a minute this period. */
  me: { rank: number; minutes: number } | null;
};
