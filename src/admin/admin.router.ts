import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { BadgesService } from '../badges/badges.service';
import { userNotFound } from '../errors';
import { parseInput, sendOk } from '../http/respond';
import { PathIdSchema } from '../shared/id';
import type { UsersRepo } from '../users/users.repo';

type AdminRouterDeps = {
  users: Pick<UsersRepo, 'listAll' | 'findById'>;
  badges: Pick<BadgesService, 'awardBugReport'>;
  requireUser: RequestHandler;
  /** Who is an admin is decided in auth/require-admin.ts; it runs after requireUser. */
  requireAdmin: RequestHandler;
};

const UserIdParams = z.object({ userId: PathIdSchema });

export function createAdminRouter({ users, badges, requireUser, requireAdmin }: AdminRouterDeps): Router {
  const router = Router();

  router.get('/admin/users', requireUser, requireAdmin, async (_req, res) => {
    sendOk(res, 200, { users: await users.listAll() });
  });

  router.post('/admin/user/:userId/badge/bug', requireUser, requireAdmin, async (req, res) => {
    const { userId } = parseInput(UserIdParams, req.params);
    if (!(await users.findById(userId))) throw userNotFound();
    const awarded = await badges.awardBugReport(userId);
    sendOk(res, 201, { awarded }, { msg: '버그/리뷰 뱃지 지급 성공' });
  });

  return router;
}
