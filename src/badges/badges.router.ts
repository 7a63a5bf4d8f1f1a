import { Router } from 'express';
import { sendOk } from '../http/respond';
import type { BadgesRepo } from './badges.repo';

export function createBadgesRouter({ badges }: { badges: Pick<BadgesRepo, 'catalogue'> }): Router {
  const router = Router();
  router.get('/badges', async (_req, res) => sendOk(res, 200, await badges.catalogue()));
  return router;
}
