import { z } from 'zod';
import { OwnedBadgeSchema } from '../badges/badges.openapi';
import { okEnvelope, type ApiRoute } from '../http/openapi/api-route';
import { MasterBadgeBodySchema, NicknameBodySchema, ProfileImgBodySchema, StatusMsgBodySchema, UserIdParamSchema } from './users.schema';

const BadgeRefSchema = z.strictObject({ id: z.number().int(), name: z.string(), imageUrl: z.string() }).meta({ id: 'BadgeRef' });

export const MeSchema = z
  .strictObject({
    id: z.number().int(),
    origin: z.string(),
    nickname: z.string(),
    profileImg: z.string().nullable(),
    statusMsg: z.string(),
    type: z.string().describe('local, kakao or anon'),
    MasterBadge: BadgeRefSchema.nullable(),
  })
  .meta({ id: 'Me' });

const profileRoute = (field: string, body: z.ZodType, data: z.ZodType, errors: ApiRoute['errors']): ApiRoute => ({
  method: 'patch',
  path: `/user/:userId/profile/${field}`,
  tag: 'users',
  summary: `Change the token user's ${field}`,
  auth: true,
  params: UserIdParamSchema,
  body,
  ok: { status: 200, description: 'The new value', schema: okEnvelope(data) },
  errors,
});

export const usersApiRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/user/me',
    tag: 'users',
    summary: 'The signed-in user',
    auth: true,
    ok: { status: 200, description: 'The user', schema: okEnvelope(z.strictObject({ user: MeSchema })) },
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/user/:userId/badges',
    tag: 'users',
    summary: "A user's badges (another user's are public, without newBadge)",
    auth: true,
    params: UserIdParamSchema,
    ok: {
      status: 200,
      description: 'The badges, oldest first',
      schema: okEnvelope(z.array(OwnedBadgeSchema), { newBadge: z.number().int().optional().describe("the owner's newest unseen badge, sent once") }),
    },
    errors: ['NOT_FOUND'],
  },
  profileRoute('img', ProfileImgBodySchema, z.strictObject({ profileImg: z.string() }), ['FORBIDDEN', 'NOT_FOUND']),
  profileRoute('nickname', NicknameBodySchema, z.strictObject({ nickname: z.string() }), ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT']),
  profileRoute('statusMsg', StatusMsgBodySchema, z.strictObject({ statusMsg: z.string() }), ['FORBIDDEN', 'NOT_FOUND']),
  profileRoute('masterBadge', MasterBadgeBodySchema, BadgeRefSchema.nullable(), ['FORBIDDEN', 'NOT_FOUND']),
];
