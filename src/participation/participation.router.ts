import { Router, type RequestHandler } from 'express';
import { assertSelf } from '../auth/require-user';
import { otherUsersRecords } from '../errors';
import { parseInput, sendOk } from '../http/respond';
import { UserIdParamSchema } from '../users/users.schema';
import type { ParticipationService } from './participation.service';

type ParticipationRouterDeps = { participation: Pick<ParticipationService, 'recordsOf'>; requireUser: RequestHandler };

export function createParticipationRouter({ participation, requireUser }: ParticipationRouterDeps): Router {
  const router = Router();

  // Records are private: `:userId` must be the token's user or "me" (403 otherwise).
  router.get('/user/:userId/records', requireUser, async (req, res) => {
    const { userId } = parseInput(UserIdParamSchema, req.params);
    const user = assertSelf(res, userId, otherUsersRecords);
    sendOk(res, 200, await participation.recordsOf(user.id));
  });

  return router;
}
