import { Router, type RequestHandler } from 'express';
import { assertSelf, currentUser } from '../auth/require-user';
import { parseInput, sendOk } from '../http/respond';
import {
  MasterBadgeBodySchema,
  NicknameBodySchema,
  ProfileImgBodySchema,
  StatusMsgBodySchema,
  UserIdParamSchema,
} from './users.schema';
import type { UsersService } from './users.service';

export function createUsersRouter({ users, requireUser }: { users: UsersService; requireUser: RequestHandler }): Router {
  const router = Router();

  router.get('/user/me', requireUser, async (_req, res) => {
    sendOk(res, 200, { user: await users.me(currentUser(res).id) });
  });

  // Another user's badges are public; only the owner's own view carries (and consumes) `newBadge`.
  router.get('/user/:userId/badges', requireUser, async (req, res) => {
    const { userId } = parseInput(UserIdParamSchema, req.params);
    const viewer = currentUser(res);
    const { badges, newBadge } = await users.badgesOf(viewer.id, userId === 'me' ? viewer.id : userId);
    sendOk(res, 200, badges, newBadge === undefined ? {} : { newBadge });
  });

  router.patch('/user/:userId/profile/img', requireUser, async (req, res) => {
    const user = assertSelf(res, parseInput(UserIdParamSchema, req.params).userId);
    sendOk(res, 200, await users.setProfileImg(user.id, parseInput(ProfileImgBodySchema, req.body).profileImg));
  });

  router.patch('/user/:userId/profile/nickname', requireUser, async (req, res) => {
    const user = assertSelf(res, parseInput(UserIdParamSchema, req.params).userId);
    sendOk(res, 200, await users.setNickname(user.id, parseInput(NicknameBodySchema, req.body).nickname));
  });

  router.patch('/user/:userId/profile/statusMsg', requireUser, async (req, res) => {
    const user = assertSelf(res, parseInput(UserIdParamSchema, req.params).userId);
    sendOk(res, 200, await users.setStatusMsg(user.id, parseInput(StatusMsgBodySchema, req.body).statusMsg));
  });

  router.patch('/user/:userId/profile/masterBadge', requireUser, async (req, res) => {
    const user = assertSelf(res, parseInput(UserIdParamSchema, req.params).userId);
    sendOk(res, 200, await users.setMasterBadge(user.id, parseInput(MasterBadgeBodySchema, req.body).badgeId));
  });

  return router;
}
