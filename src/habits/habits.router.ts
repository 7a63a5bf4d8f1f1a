import { Router, type RequestHandler } from 'express';
import { assertSelf, currentUser } from '../auth/require-user';
import { otherUsersRecords } from '../errors';
import { parseInput, sendOk } from '../http/respond';
import { UserIdParamSchema } from '../users/users.schema';
import { DailyGoalBodySchema, LeaderboardQuerySchema, LeaderboardVisibilityBodySchema } from './habits.schema';
import type { HabitsService } from './habits.service';

export function createHabitsRouter({ habits, requireUser }: { habits: HabitsService; requireUser: RequestHandler }): Router {
  const router = Router();

  router.patch('/user/:userId/profile/dailyGoal', requireUser, async (req, res) => {
    const user = assertSelf(res, parseInput(UserIdParamSchema, req.params).userId);
    sendOk(res, 200, await habits.setDailyGoal(user.id, parseInput(DailyGoalBodySchema, req.body).minutes));
  });

  router.patch('/user/:userId/profile/leaderboard', requireUser, async (req, res) => {
    const user = assertSelf(res, parseInput(UserIdParamSchema, req.params).userId);
    sendOk(res, 200, await habits.setLeaderboardVisible(user.id, parseInput(LeaderboardVisibilityBodySchema, req.body).visible));
  });

  // Streaks are private, like records: only the token's own user (or "me").
  router.get('/user/:userId/streak', requireUser, async (req, res) => {
    const user = assertSelf(res, parseInput(UserIdParamSchema, req.params).userId, otherUsersRecords);
    sendOk(res, 200, await habits.streakOf(user.id));
  });

  router.get('/leaderboard', requireUser, async (req, res) => {
    sendOk(res, 200, await habits.leaderboard(currentUser(res).id, parseInput(LeaderboardQuerySchema, req.query)));
  });

  return router;
}
