import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { adminOnly } from '../errors';
import type { UsersRepo } from '../users/users.repo';
import { currentUser } from './require-user';

/**
 * The one admin rule: the account's `isAdmin` flag, which only the operator sets (`npm run admin:grant --
 * <email>`, src/admin/grant-admin.ts). Nothing a user can do (registering an address, say) grants it.
 * Read per request from the database, so a revoked right holds at once. Mounted after `requireUser`.
 */
export function createRequireAdmin({ users }: { users: Pick<UsersRepo, 'isAdmin'> }): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    users.isAdmin(currentUser(res).id).then(
      (admin) => (admin ? next() : next(adminOnly())),
      (err: unknown) => next(err),
    );
  };
}
