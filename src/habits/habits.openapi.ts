import { z } from 'zod';
import { okEnvelope, type ApiRoute } from '../http/openapi/api-route';
import { UserIdParamSchema } from '../users/users.schema';
import { DailyGoalBodySchema, LeaderboardQuerySchema, LeaderboardVisibilityBodySchema } from './habits.schema';

const StreakDaySchema = z.strictObject({ date: z.string().describe('YYYY-MM-DD in TZ_NAME'), minutes: z.number().int(), met: z.boolean() });
const StreakSchema = z
  .strictObject({
    goalMinutes: z.number().int(),
    current: z.number().int().describe('days in a row with the goal met, up to today if met, else yesterday'),
    longest: z.number().int(),
    today: z.strictObject({ minutes: z.number().int(), met: z.boolean() }),
    last7: z.array(StreakDaySchema).describe('the 7 days ending today, oldest first'),
  })
  .meta({ id: 'Streak' });
const LeaderboardSchema = z
  .strictObject({
    period: z.enum(['week', 'month']),
    from: z.string().describe('ISO UTC, inclusive'),
    to: z.string().describe('ISO UTC, exclusive'),
    entries: z.array(
      z.strictObject({
        rank: z.number().int().describe('ties share a rank'),
        userId: z.number().int(),
        nickname: z.string(),
        profileImg: z.string().nullable(),
        masterBadge: z.strictObject({ id: z.number().int(), name: z.string(), imageUrl: z.string() }).nullable(),
        minutes: z.number().int(),
      }),
    ),
    me: z.strictObject({ rank: z.number().int(), minutes: z.number().int() }).nullable(),
  })
  .meta({ id: 'Leaderboard' });

export const habitsApiRoutes: ApiRoute[] = [
  {
    method: 'patch',
    path: '/user/:userId/profile/dailyGoal',
    tag: 'habits',
    summary: "Set the token user's daily goal (10-720 minutes)",
    auth: true,
    params: UserIdParamSchema,
    body: DailyGoalBodySchema,
    ok: { status: 200, description: 'The new goal', schema: okEnvelope(z.strictObject({ minutes: z.number().int() })) },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'patch',
    path: '/user/:userId/profile/leaderboard',
    tag: 'habits',
    summary: 'Join or leave the leaderboard',
    auth: true,
    params: UserIdParamSchema,
    body: LeaderboardVisibilityBodySchema,
    ok: { status: 200, description: 'The new visibility', schema: okEnvelope(z.strictObject({ visible: z.boolean() })) },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/user/:userId/streak',
    tag: 'habits',
    summary: "The token user's streak of days with the daily goal met",
    auth: true,
    params: UserIdParamSchema,
    ok: { status: 200, description: 'The streak', schema: okEnvelope(StreakSchema) },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/leaderboard',
    tag: 'habits',
    summary: 'Minutes of the current week or month, ranked (guests and hidden users are not listed)',
    auth: true,
    query: LeaderboardQuerySchema,
    ok: { status: 200, description: 'The board and the asker\'s place', schema: okEnvelope(LeaderboardSchema) },
  },
];
