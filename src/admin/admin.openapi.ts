import { z } from 'zod';
import { okEnvelope, type ApiRoute } from '../http/openapi/api-route';
import { PathIdSchema } from '../shared/id';

const AdminUserSchema = z
  .strictObject({
    id: z.number().int(),
    origin: z.string(),
    nickname: z.string(),
    profileImg: z.string().nullable(),
    statusMsg: z.string(),
    type: z.string(),
    newBadge: z.number().int().nullable(),
    masterBadgeId: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AdminUser' });

export const adminApiRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/admin/users',
    tag: 'admin',
    summary: 'Every user (never a password hash); ADMIN_EMAILS only',
    auth: true,
    ok: { status: 200, description: 'The users', schema: okEnvelope(z.strictObject({ users: z.array(AdminUserSchema) })) },
    errors: ['FORBIDDEN'],
  },
  {
    method: 'post',
    path: '/admin/user/:userId/badge/bug',
    tag: 'admin',
    summary: 'Award the reviewer badge; ADMIN_EMAILS only',
    auth: true,
    params: z.object({ userId: PathIdSchema }),
    ok: { status: 201, description: 'Whether the badge was new', schema: okEnvelope(z.strictObject({ awarded: z.boolean() })) },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
];
