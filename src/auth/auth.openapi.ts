import { z } from 'zod';
import { okEnvelope, type ApiRoute } from '../http/openapi/api-route';
import { AuthTypeParamSchema, KakaoCallbackQuerySchema, LogInBodySchema, SignUpBodySchema } from './auth.schema';

const TokenData = z.strictObject({ token: z.string().describe('A Bearer token (HS256, `sub` = user id, `exp`)') }).meta({ id: 'TokenData' });

export const authApiRoutes: ApiRoute[] = [
  {
    method: 'post',
    path: '/auth/local',
    tag: 'auth',
    summary: 'Sign up with an email, a nickname and a password',
    auth: false,
    body: SignUpBodySchema,
    ok: { status: 201, description: 'Signed up; the token may be used at once', schema: okEnvelope(TokenData) },
    errors: ['CONFLICT', 'RATE_LIMITED'],
  },
  {
    method: 'post',
    path: '/auth',
    tag: 'auth',
    summary: 'Log in (awards firstCome to the first 100 users)',
    auth: false,
    body: LogInBodySchema,
    ok: { status: 200, description: 'Logged in', schema: okEnvelope(TokenData) },
    errors: ['UNAUTHENTICATED', 'RATE_LIMITED'],
  },
  {
    method: 'get',
    path: '/auth/anon',
    tag: 'auth',
    summary: 'A guest account with a generated nickname',
    auth: false,
    ok: { status: 200, description: 'A guest token', schema: okEnvelope(TokenData) },
    errors: ['CONFLICT', 'RATE_LIMITED'],
  },
  {
    method: 'get',
    path: '/auth/kakao/callback',
    tag: 'auth',
    summary: 'Kakao log-in (404 unless KAKAO_REST_API_KEY is set)',
    auth: false,
    query: KakaoCallbackQuerySchema,
    ok: {
      status: 200,
      description: 'Logged in with Kakao',
      schema: okEnvelope(z.strictObject({ token: z.string(), user: z.looseObject({ id: z.number().int(), nickname: z.string() }) })),
    },
    errors: ['NOT_FOUND', 'UNAUTHENTICATED', 'RATE_LIMITED'],
  },
  {
    method: 'delete',
    path: '/auth/:type',
    tag: 'auth',
    summary: 'Log out: the token is revoked server-side',
    auth: true,
    params: AuthTypeParamSchema,
    ok: { status: 200, description: 'Logged out', schema: okEnvelope() },
  },
];
