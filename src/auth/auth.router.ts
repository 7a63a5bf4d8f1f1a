import { Router, type RequestHandler } from 'express';
import { AppError, rateLimited } from '../errors';
import { currentUser } from './require-user';
import { parseInput, sendOk } from '../http/respond';
import type { KakaoLogin } from './kakao';
import { AuthTypeParamSchema, KakaoCallbackQuerySchema, LogInBodySchema, SignUpBodySchema } from './auth.schema';
import type { AuthService } from './auth.service';
import type { LoginGuard } from './login-guard';

type AuthRouterDeps = {
  auth: AuthService;
  requireUser: RequestHandler;
  authLimiter: RequestHandler;
  /** The per-account failure limit on log-in (login-guard.ts). */
  loginGuard: LoginGuard;
  kakao?: KakaoLogin;
};

export function createAuthRouter({ auth, requireUser, authLimiter, loginGuard, kakao }: AuthRouterDeps): Router {
  const router = Router();

  router.post('/auth/local', authLimiter, async (req, res) => {
    const { token } = await auth.signUp(parseInput(SignUpBodySchema, req.body));
    sendOk(res, 201, { token }, { msg: '회원가입에 성공하였습니다.' });
  });

  router.post('/auth', authLimiter, async (req, res) => {
    const body = parseInput(LogInBodySchema, req.body);
    const ip = req.ip ?? 'unknown';
    if (loginGuard.refuses(body.origin, ip)) throw rateLimited();
    try {
      sendOk(res, 200, await auth.logIn(body));
    } catch (err) {
      if (err instanceof AppError && err.code === 'UNAUTHENTICATED') loginGuard.failed(body.origin, ip);
      throw err;
    }
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
