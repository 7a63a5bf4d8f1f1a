import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { rateLimited } from '../errors';
import { sendError } from './respond';

const tooMany = (_req: Request, res: Response) => sendError(res, rateLimited());

/** Per-IP limit for sign-up, log-in and guest accounts (brute force and account farming). */
export function createAuthLimiter(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    handler: tooMany,
  });
}

/**
 * Per user and room limit on password attempts. Entries without a password are not counted, so the limit
 * only ever slows down guessing.
 */
export function createRoomPasswordLimiter(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const user = res.locals.user as { id?: number } | undefined;
      return `${user?.id ?? ipKeyGenerator(req.ip ?? 'unknown')}:${req.params.roomId ?? ''}`;
    },
    skip: (req) => req.method === 'POST' && /\/user\//.test(req.path) && !(req.body as { pwd?: unknown } | undefined)?.pwd,
    handler: tooMany,
  });
}

/**
 * Per-user limit on expensive writes (image uploads, room creation: a bcrypt hash for each secret room).
 * Keyed by user, since a guest account costs nothing to make but each one still counts alone.
 */
export function createPerUserLimiter(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => String((res.locals.user as { id?: number } | undefined)?.id ?? ipKeyGenerator(req.ip ?? 'unknown')),
    handler: tooMany,
  });
}
