import { z } from 'zod';
import { CATEGORY_IDS } from '../participation/records';

/** A whole number given as a JSON number or its decimal text (the original client sends form values as text). */
const wholeNumber = z.union([z.number(), z.string().regex(/^\d{1,6}$/, 'must be a whole number').transform(Number)]).pipe(z.number().int('must be an integer'));

export const DAILY_GOAL = { min: 10, max: 720, default: 30 } as const;

export const DailyGoalBodySchema = z.object({
  minutes: wholeNumber.pipe(z.number().min(DAILY_GOAL.min, `must be at least ${DAILY_GOAL.min}`).max(DAILY_GOAL.max, `must be at most ${DAILY_GOAL.max}`)),
});

export const LeaderboardVisibilityBodySchema = z.object({ visible: z.boolean({ error: 'must be true or false' }) });

export const LEADERBOARD_LIMIT = { max: 100, default: 20 } as const;

export const LeaderboardQuerySchema = z.object({
  period: z.enum(['week', 'month'], { error: 'must be week or month' }).default('week'),
  categoryId: z
    .string()
    .regex(/^[1-9]\d?$/, 'must be a category id')
    .transform(Number)
    .pipe(z.number().refine((n) => (CATEGORY_IDS as readonly number[]).includes(n), 'must be a category id (1-6)'))
    .optional(),
  limit: z.string().regex(/^[1-9]\d{0,2}$/, 'must be a whole number').transform(Number).pipe(z.number().max(LEADERBOARD_LIMIT.max, `must be at most ${LEADERBOARD_LIMIT.max}`)).default(LEADERBOARD_LIMIT.default),
});
export type LeaderboardQuery = z.output<typeof LeaderboardQuerySchema>;
