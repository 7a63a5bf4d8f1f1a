import { Router, type RequestHandler } from 'express';
import { AppError } from '../errors';
import { currentUser } from './require-user';
import { parseInput, sendOk } from '../http/respond';
import type { KakaoLogin } from './kakao';
import { AuthTypeParamSchema, KakaoCallbackQuerySchema, LogInBodySchema, SignUpBodySchema } from './auth.schema';
import type { AuthService } from './auth.service';

type AuthRouterDeps = {
  auth: AuthService;
  requireUser: RequestHandler;
  authLimiter: RequestHandler;
  kakao?: KakaoLogin;
};

export function createAuthRouter({ auth, requireUser, authLimiter, kakao }: AuthRouterDeps): Router {
  const router = Router();

  router.post('/auth/local', authLimiter, async (req, res) => {
    const { token } = await auth.signUp(parseInput(SignUpBodySchema, req.body));
    sendOk(res, 201, { token }, { msg: '회원가입에 성공하였습니다.' });
  });

  router.post('/auth', authLimiter, async (req, res) => {
    sendOk(res, 200, await auth.logIn(parseInput(LogInBodySchema, req.body)));
  });

  router.get('/auth/anon', authLimiter, async (_req, res) => {
    const { token } = await auth.guest();
    sendOk(res, 200, { token });
  });

  router.get('/auth/kakao/callback', authLimiter, async (req, res) => {
    if (!kakao) throw new AppError('NOT_FOUND', 'Kakao login is not configured');
    const { code } = parseInput(KakaoCallbackQuerySchema, req.query);
    sendOk(res, 200, await kakao.logIn(code));
  });

  router.delete('/auth/:type', requireUser, async (req, res) => {
    parseInput(AuthTypeParamSchema, req.params);
    await auth.logOut(currentUser(res));
    sendOk(res, 200, undefined, { msg: '로그아웃 되었습니다.' });
  });

  return router;
}
