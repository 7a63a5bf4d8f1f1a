import { texts } from '../texts';

export type AuthMode = 'login' | 'signup';
export type AuthFields = { origin: string; nickname: string; pwd: string };
export type AuthErrors = Partial<Record<keyof AuthFields, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The landing form's own checks, in Korean; the log-in form checks presence only and states no sign-up rules. */
export function checkAuthForm(mode: AuthMode, f: AuthFields): AuthErrors {
  const errors: AuthErrors = {};
  const origin = f.origin.trim();
  if (!origin) errors.origin = texts.errors.required.origin;
  else if (mode === 'signup' && !EMAIL.test(origin)) errors.origin = texts.errors.required.originFormat;
  if (mode === 'signup') {
    const nickname = f.nickname.trim();
    if (nickname.length < 2 || nickname.length > 8) errors.nickname = texts.errors.required.nickname;
    if (f.pwd.length < 8 || f.pwd.length > 16) errors.pwd = texts.errors.required.pwdSignup;
  } else if (!f.pwd) errors.pwd = texts.errors.required.pwdLogin;
  return errors;
}
