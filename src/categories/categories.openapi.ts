import { z } from 'zod';
import { CATEGORY_KEYS } from '../contract/records';
import { okEnvelope, type ApiRoute } from '../http/openapi/api-route';

export const CategorySchema = z.strictObject({ id: z.number().int(), name: z.string(), key: z.enum(CATEGORY_KEYS) }).meta({ id: 'Category' });

export const categoriesApiRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/categories',
    tag: 'categories',
    summary: 'The 6 room categories',
    auth: false,
    ok: { status: 200, description: 'Categories 1..6', schema: okEnvelope(z.array(CategorySchema)) },
  },
];
