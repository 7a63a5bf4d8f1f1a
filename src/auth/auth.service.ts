import { randomInt, randomUUID } from 'node:crypto';
import { AppError, isUniqueViolation, nicknameTaken, tokenNoLongerValid } from '../errors';
import type { BadgesService } from '../badges/badges.service';
import type { User, UsersRepo } from '../users/users.repo';
import { CANNED_STATUS_MESSAGES } from '../users/users.schema';
import { assertPasswordAllowed } from './password-rules';
import type { AuthEvents } from './auth-events';
import type { Passwords } from './passwords';
import type { Tokens } from './tokens';
import type { LogInBody, SignUpBody } from './auth.schema';

export type AuthUser = User & { jti: string; tokenExpiresAt: Date };

type AuthServiceDeps = {
  users: UsersRepo;
  badges: Pick<BadgesService, 'welcomeOnLogIn'>;
  passwords: Passwords;
  tokens: Tokens;
  /** Told of every revocation (log-out), so live sockets using the token end too. */
  events?: Pick<AuthEvents, 'emit'>;
};

const randomStatus = () => CANNED_STATUS_MESSAGES[randomInt(CANNED_STATUS_MESSAGES.length)]!;

export function createAuthService({ users, badges, passwords, tokens, events }: AuthServiceDeps) {
  async function signUp(body: SignUpBody): Promise<{ token: string; user: User }> {
    assertPasswordAllowed(body.pwd, { email: body.origin, nickname: body.nickname });
    if (await users.existsWith('origin', body.origin)) throw new AppError('CONFLICT', '이미 존재하는 이메일입니다.');
    if (await users.existsWith('nickname', body.nickname)) throw nicknameTaken();
    const pwdHash = await passwords.hash(body.pwd);
    try {
      const user = await users.create({ origin: body.origin, nickname: body.nickname, pwdHash, statusMsg: randomStatus(), type: 'local' });
      return { token: tokens.issueAccess(user.id), user };
    } catch (err) {
      // Two sign-ups racing for one email or nickname: the unique index decides, the loser gets 409.
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', '이미 존재하는 이메일 또는 닉네임입니다.');
      throw err;
    }
  }

  async function logIn(body: LogInBody): Promise<{ token: string }> {
    const found = await users.findCredentials(body.origin);
    // One compare whether the email is known or not (`matches` uses a dummy hash for null): same cost.
    const local = found?.type === 'local' ? found : undefined;
    const ok = await passwords.matches(body.pwd, local?.pwdHash);
    if (!local || !ok) throw new AppError('UNAUTHENTICATED', '이메일 혹은 비밀번호를 확인해주세요.');
    await badges.welcomeOnLogIn(local.id);
    return { token: tokens.issueAccess(local.id) };
  }

  /** A guest account with a generated unique nickname, so a visitor can try a room at once. */
  async function guest(): Promise<{ token: string; user: User }> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const nickname = `게스트${randomInt(10_000, 1_000_000)}`;
      try {
        const user = await users.create({
          origin: `anon:${randomUUID()}`,
          nickname,
          pwdHash: null,
          statusMsg: '익명의 유저입니다.',
          type: 'anon',
        });
        return { token: tokens.issueAccess(user.id), user };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    throw new AppError('CONFLICT', 'Could not allocate a guest nickname; try again');
  }

  /** The token's user, or UNAUTHENTICATED for a bad, expired, revoked or orphaned token. */
  async function authenticate(token: string): Promise<AuthUser> {
    const claims = tokens.readAccess(token);
    return userForClaims(claims.userId, claims.jti, claims.expiresAt);
  }

  async function userForClaims(userId: number, jti: string, expiresAt: Date): Promise<AuthUser> {
    const [user, revoked] = await Promise.all([users.findById(userId), users.isRevoked(jti)]);
    if (!user || revoked) throw tokenNoLongerValid();
    return { ...user, jti, tokenExpiresAt: expiresAt };
  }

  async function logOut(user: AuthUser): Promise<void> {
    await users.revokeToken(user.jti, user.tokenExpiresAt);
    events?.emit('token-revoked', { userId: user.id, jti: user.jti });
  }

  return { signUp, logIn, guest, authenticate, userForClaims, logOut };
}
export type AuthService = ReturnType<typeof createAuthService>;
