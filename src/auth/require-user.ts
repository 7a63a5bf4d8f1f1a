import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Passport } from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import { AppError, invalidToken, missingToken, otherUsersProfile, toAppError } from '../errors';
import type { AuthService, AuthUser } from './auth.service';
import { JWT_ALGORITHM, type Tokens } from './tokens';

/**
 * passport-jwt on a Passport instance of our own (no global), with HS256 pinned. Any failure (missing,
 * malformed, expired, revoked token, or a deleted user) becomes one 401 UNAUTHENTICATED.
 */
export function createRequireUser(auth: Pick<AuthService, 'userForClaims'>, tokens: Pick<Tokens, 'key' | 'claimsOf'>): RequestHandler {
  const passport = new Passport();
  passport.use(
    new JwtStrategy(
      {
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        // The KeyObject (see tokens.ts); passport-jwt's types predate KeyObject, but it only hands the value to jsonwebtoken.
        secretOrKey: tokens.key as unknown as Buffer,
        algorithms: [JWT_ALGORITHM],
      },
      (payload: unknown, done: (err: unknown, user?: AuthUser | false) => void) => {
        let claims;
        try {
          claims = tokens.claimsOf(payload);
        } catch {
          return done(null, false);
        }
        auth.userForClaims(claims.userId, claims.jti, claims.expiresAt).then(
          (user) => done(null, user),
          (err: unknown) => (err instanceof AppError && err.code === 'UNAUTHENTICATED' ? done(null, false) : done(err)),
        );
      },
    ),
  );

  return (req: Request, res: Response, next: NextFunction) => {
    passport.authenticate('jwt', { session: false }, (err: unknown, user: AuthUser | false) => {
      if (err) return next(toAppError(err));
      if (!user) {
        const hasHeader = typeof req.headers.authorization === 'string' && req.headers.authorization.length > 0;
        return next(hasHeader ? invalidToken() : missingToken());
      }
      res.locals.user = user;
      next();
    })(req, res, next);
  };
}

/** The authenticated user of this request; only valid behind `requireUser`. */
export function currentUser(res: Response): AuthUser {
  const user = res.locals.user as AuthUser | undefined;
  if (!user) throw missingToken();
  return user;
}

/**
 * The one self check: a `:userId` path segment ("me" or a number) must be the token's own user, else 403.
 * `refusal` names what was refused (changing a profile by default, reading records for one).
 */
export function assertSelf(res: Response, userId: number | 'me', refusal: () => AppError = otherUsersProfile): AuthUser {
  const user = currentUser(res);
  if (userId !== 'me' && userId !== user.id) throw refusal();
  return user;
}
