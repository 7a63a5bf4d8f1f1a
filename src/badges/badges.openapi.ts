import { z } from 'zod';
import { okEnvelope, type ApiRoute } from '../http/openapi/api-route';

export const BadgeSchema = z.strictObject({ id: z.number().int(), name: z.string(), desc: z.string(), imageUrl: z.string() }).meta({ id: 'Badge' });
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
