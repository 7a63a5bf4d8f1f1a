import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { rateLimited } from '../errors';
import { PathIdSchema } from '../shared/id';
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

/** The limiters' keys are parsed values: the canonical room id (or "invalid", which the route answers 400). */
const roomKey = (req: Request) => {
  const parsed = PathIdSchema.safeParse(req.params.roomId);
  return parsed.success ? String(parsed.data) : 'invalid';
};
const userKey = (req: Request, res: Response) => {
  const id = (res.locals.user as { id?: number } | undefined)?.id;
  return typeof id === 'number' ? `u${id}` : `ip${ipKeyGenerator(req.ip ?? 'unknown')}`;
};
/** Entries without a password are not counted, so the limits only ever slow down guessing. */
const carriesNoGuess = (req: Request) =>
  req.method === 'POST' && /\/user\//.test(req.path) && !(req.body as { pwd?: unknown } | undefined)?.pwd;

export type RoomPasswordLimits = {
  /** Attempts per minute per user and room, right or wrong (so the limit is no oracle for that user). */
  perUserAndRoom: number;
  /** Wrong attempts per minute per room, from all accounts together (guest accounts cost nothing). */
  perRoom: number;
  /** Wrong attempts per minute per IP, over all accounts and rooms. */
  perIp: number;
};

/**
 * Secret-room password attempts, three limits in a row. The per-room and per-IP ones count wrong answers
 * only (a right one is given back), so the people who know the password are not shut out by traffic that
 * does; while any limit holds, even the right password answers 429.
 */
export function createRoomPasswordLimiter(limits: RoomPasswordLimits): RequestHandler {
  const common = { windowMs: 60_000, standardHeaders: 'draft-8', legacyHeaders: false, skip: carriesNoGuess, handler: tooMany } as const;
  const chain = [
    rateLimit({ ...common, limit: limits.perUserAndRoom, keyGenerator: (req, res) => `${userKey(req, res)}:${roomKey(req)}` }),
    rateLimit({ ...common, limit: limits.perRoom, skipSuccessfulRequests: true, keyGenerator: (req) => roomKey(req) }),
    rateLimit({ ...common, limit: limits.perIp, skipSuccessfulRequests: true, keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown') }),
  ];
  return (req, res, next) => {
    const run = (i: number): void => {
      const limiter = chain[i];
      if (!limiter) return next();
      void limiter(req, res, (err?: unknown) => (err ? next(err) : run(i + 1)));
    };
    run(0);
  };
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
    keyGenerator: userKey,
    handler: tooMany,
  });
}
