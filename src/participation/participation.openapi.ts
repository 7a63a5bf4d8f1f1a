import { z } from 'zod';
import { CATEGORY_KEYS } from '../contract/records';
import { okEnvelope, type ApiRoute } from '../http/openapi/api-route';
import { UserIdParamSchema } from '../users/users.schema';

const minutes = z.number().int().min(0).describe('whole minutes');
const Category = z.enum(CATEGORY_KEYS);

export const RecordsSchema = z
  .strictObject({
    todayRecord: z.array(z.strictObject({ categoryId: z.number().int(), category: Category, time: minutes })),
    weekdaysRecord: z.array(
      z.strictObject({ userId: z.number().int(), category: Category, mon: minutes, tue: minutes, wed: minutes, thur: minutes, fri: minutes, sat: minutes, sun: minutes }),
    ),
    monthRecord: z.array(
      z.strictObject({ userId: z.number().int(), date: z.number().int().min(1).max(31), time: minutes, lastUpdatedDate: z.string().describe('ISO 8601 UTC') }),
    ),
  })
  .meta({ id: 'Records' });

export const participationApiRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/user/:userId/records',
    tag: 'users',
    summary: "The token user's minutes today, this week and this month, per category",
    description: '`:userId` must be the token user or `me`.',
    auth: true,
    params: UserIdParamSchema,
    ok: { status: 200, description: 'Records', schema: okEnvelope(RecordsSchema) },
    errors: ['FORBIDDEN'],
  },
];
