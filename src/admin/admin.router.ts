import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../errors';
import { BADGE, type BadgesRepo } from '../badges/badges.repo';
import { currentUser } from '../http/auth';
import { parseInput, sendOk } from '../http/respond';
import type { UsersRepo } from '../users/users.repo';

type AdminRouterDeps = {
  users: Pick<UsersRepo, 'listAll' | 'findById'>;
  badges: Pick<BadgesRepo, 'award'>;
  requireUser: RequestHandler;
  adminEmails: readonly string[];
};

const UserIdParams = z.object({ userId: z.coerce.number().int().positive().max(2_147_483_647) });

/** Admins are the users whose email is listed in ADMIN_EMAILS; the check is on the server, per request. */
export function createAdminRouter({ users, badges, requireUser, adminEmails }: AdminRouterDeps): Router {
  const router = Router();
  const requireAdmin = (_req: Request, res: Response, next: NextFunction) => {
    const user = currentUser(res);
    if (user.type !== 'local' || !adminEmails.includes(user.origin.toLowerCase())) {
      return next(new AppError('FORBIDDEN', '관리자만 사용할 수 있습니다.'));
    }
    next();
  };

  router.get('/admin/users', requireUser, requireAdmin, async (_req, res) => {
    sendOk(res, 200, { users: await users.listAll() });
  });

  router.post('/admin/user/:userId/badge/bug', requireUser, requireAdmin, async (req, res) => {
    const { userId } = parseInput(UserIdParams, req.params);
    if (!(await users.findById(userId))) throw new AppError('NOT_FOUND', '일치하는 유저 정보가 없습니다.');
    const awarded = await badges.award(userId, BADGE.reviewer);
    sendOk(res, 201, { awarded }, { msg: '버그/리뷰 뱃지 지급 성공' });
  });

  return router;
}
