import fs from 'node:fs';
import path from 'node:path';
import { commonPassword, passwordLikeIdentity } from '../errors';

/** The common-passwords list, read once (lower-cased; `#` lines are comments). Copied beside dist/ by `npm run build`. */
const COMMON = new Set(
  fs
    .readFileSync(path.join(__dirname, 'common-passwords.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#')),
);

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
