import { texts } from '../texts';
import { checkAuthForm } from './auth-form';

describe('checkAuthForm', () => {
  test('log-in asks only for an email and a password, with no sign-up rules', () => {
    expect(checkAuthForm('login', { origin: '', nickname: '', pwd: '' })).toEqual({ origin: texts.errors.required.origin, pwd: texts.errors.required.pwdLogin });
    expect(checkAuthForm('login', { origin: 'a@b.co', nickname: '', pwd: 'x' })).toEqual({});
  });
  test('sign-up checks the email shape, the nickname length and the password length', () => {
    expect(checkAuthForm('signup', { origin: 'nope', nickname: 'a', pwd: 'short' })).toEqual({
      origin: texts.errors.required.originFormat,
      nickname: texts.errors.required.nickname,
      pwd: texts.errors.required.pwdSignup,
    });
    expect(checkAuthForm('signup', { origin: 'a@b.co', nickname: 'alice', pwd: 'password123' })).toEqual({});
  });
});
