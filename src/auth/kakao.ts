import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { AppError, kakaoLoginFailed } from '../errors';
import type { BadgesService } from '../badges/badges.service';
import type { User, UsersRepo } from '../users/users.repo';
import { CANNED_STATUS_MESSAGES } from '../users/users.schema';
import type { Tokens } from './tokens';

const TokenResponseSchema = z.object({ access_token: z.string() });
const ProfileSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  properties: z.object({ nickname: z.string().optional(), profile_image: z.string().optional() }).partial().optional(),
});

type KakaoDeps = {
  restApiKey: string;
  redirectUri?: string;
  users: UsersRepo;
  badges: Pick<BadgesService, 'welcomeOnLogIn'>;
  tokens: Tokens;
  /** Base URLs, replaceable so a test can stand in for Kakao (a third party beyond this process). */
  authBase?: string;
  apiBase?: string;
};

/** Kakao OAuth: exchange the authorization code, read the profile, find or create the user, issue our token. */
export function createKakaoLogin(deps: KakaoDeps) {
  const authBase = deps.authBase ?? 'https://kauth.kakao.com';
  const apiBase = deps.apiBase ?? 'https://kapi.kakao.com';

  async function fetchJson(url: string, init: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
    } catch (err) {
      throw new AppError('UNAVAILABLE', '카카오 로그인 서버에 연결할 수 없습니다.', { cause: err });
    }
    if (!res.ok) throw kakaoLoginFailed();
    return res.json();
  }

  async function uniqueNickname(wanted: string | undefined): Promise<string> {
    const base = (wanted ?? '').replace(/[^\p{L}\p{N} ]/gu, '').trim().slice(0, 6) || '카카오';
    const candidates = [base.length >= 2 ? base : `${base}님`];
    for (let i = 0; i < 10; i++) candidates.push(`${base.slice(0, 4)}${randomInt(1000, 9999)}`);
    for (const c of candidates) if (!(await deps.users.existsWith('nickname', c))) return c;
    throw new AppError('CONFLICT', 'Could not allocate a nickname');
  }

  async function logIn(code: string): Promise<{ token: string; user: User }> {
    const body = new URLSearchParams({ grant_type: 'authorization_code', client_id: deps.restApiKey, code });
    if (deps.redirectUri) body.set('redirect_uri', deps.redirectUri);
    const tokenRes = TokenResponseSchema.safeParse(
      await fetchJson(`${authBase}/oauth/token`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    );
    if (!tokenRes.success) throw kakaoLoginFailed();
    const profile = ProfileSchema.safeParse(
      await fetchJson(`${apiBase}/v2/user/me`, { headers: { authorization: `Bearer ${tokenRes.data.access_token}` } }),
    );
    if (!profile.success) throw kakaoLoginFailed();
    const origin = `kakao:${profile.data.id}`;
    const existing = await deps.users.findCredentials(origin);
    let user = existing ? await deps.users.findById(existing.id) : null;
    if (!user) {
      user = await deps.users.create({
        origin,
        nickname: await uniqueNickname(profile.data.properties?.nickname),
        pwdHash: null,
        profileImg: profile.data.properties?.profile_image?.startsWith('https://') ? profile.data.properties.profile_image : null,
        statusMsg: CANNED_STATUS_MESSAGES[randomInt(CANNED_STATUS_MESSAGES.length)]!,
        type: 'kakao',
      });
    }
    await deps.badges.welcomeOnLogIn(user.id);
    return { token: deps.tokens.issueAccess(user.id), user };
  }

  return { logIn };
}
export type KakaoLogin = ReturnType<typeof createKakaoLogin>;
