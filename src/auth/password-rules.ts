import { commonPassword, passwordLikeIdentity } from '../errors';
import { COMMON_PASSWORDS } from './common-passwords';

const COMMON = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/**
 * Sign-up's password rules beyond length (auth.schema.ts): not one of the most common passwords and not the
 * account's own email, email local part or nickname, all compared case-insensitively. Throws a 400.
 */
export function assertPasswordAllowed(pwd: string, identity: { email: string; nickname: string }): void {
  const p = pwd.toLowerCase();
  if (COMMON.has(p)) throw commonPassword();
  const email = identity.email.toLowerCase();
  const same = [email, email.split('@')[0] ?? '', identity.nickname.toLowerCase()];
  if (same.some((s) => s.length > 0 && s === p)) throw passwordLikeIdentity();
}
