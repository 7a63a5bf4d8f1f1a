import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { adminOnly } from '../errors';
import type { User } from '../users/users.repo';
import { currentUser } from './require-user';

/**
 * The one admin rule: a local account whose email is listed in ADMIN_EMAILS (lower-cased by the config).
 * Decided on the server, per request, from the token's user as stored now.
 */
export const isAdmin = (user: Pick<User, 'type' | 'origin'>, adminEmails: readonly string[]): boolean =>
  user.type === 'local' && adminEmails.includes(user.origin.toLowerCase());

/** 403 unless the request's user is an admin; mounted after `requireUser`, which puts the user there. */
export function createRequireAdmin({ adminEmails }: { adminEmails: readonly string[] }): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (!isAdmin(currentUser(res), adminEmails)) return next(adminOnly());
    next();
  };
}
