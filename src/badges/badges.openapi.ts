import { z } from 'zod';
import { okEnvelope, type ApiRoute } from '../http/openapi/api-route';

export const BadgeSchema = z
  .strictObject({
    id: z.number().int(),
    name: z.string().describe("The original client's key (beauty, firstCome, ...)"),
    label: z.string().describe('Korean display name for people'),
    desc: z.string().describe("The description, under the original client's key"),
    description: z.string().describe('Korean description for people'),
    imageUrl: z.string().describe('Absolute URL on PUBLIC_URL'),
  })
  .meta({ id: 'Badge' });
export const OwnedBadgeSchema = BadgeSchema.extend({ acquiredAt: z.string().describe('ISO 8601 UTC') }).meta({ id: 'OwnedBadge' });

export const badgesApiRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/badges',
    tag: 'badges',
    summary: 'The badge catalogue (ids 1..9)',
    auth: false,
    ok: { status: 200, description: 'Every badge', schema: okEnvelope(z.array(BadgeSchema)) },
  },
];
