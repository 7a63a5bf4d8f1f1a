import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { navigate } from '../router';
import { useSession } from '../session';
import { texts } from '../texts';

export function LandingPage() {
  const { api, signIn } = useSession();
  const [mode, setMode] = useState<'login' | 'signup'>('login');
  const [origin, setOrigin] = useState('');
  const [nickname, setNickname] = useState('');
  const [pwd, setPwd] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<{ token: string }>) {
    setBusy(true);
    setError(null);
    try {
      await signIn((await action()).token);
      navigate('/main');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : texts.errors.generic);
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      // After signing up the user is logged in at once, as in the original.
      if (mode === 'signup') await api.signUp(origin, nickname, pwd);
      return api.logIn(origin, pwd);
    });
  }

  return (
    <main className="landing">
      <h1 className="logo big">{texts.appName}</h1>
      <p className="tagline">{texts.tagline}</p>
      <form className="card auth-form" onSubmit={submit} data-testid="auth-form">
        <h2>{mode === 'login' ? texts.auth.login : texts.auth.signup}</h2>
        <input name="origin" type="email" required placeholder={texts.auth.email} value={origin} onChange={(e) => setOrigin(e.target.value)} />
        {mode === 'signup' && (
          <input name="nickname" required minLength={2} maxLength={8} placeholder={texts.auth.nickname} value={nickname} onChange={(e) => setNickname(e.target.value)} />
        )}
        <input name="pwd" type="password" required minLength={8} maxLength={16} placeholder={texts.auth.password} value={pwd} onChange={(e) => setPwd(e.target.value)} />
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'login' ? texts.auth.login : texts.auth.signup}
        </button>
        <button type="button" className="link" onClick={() => setMode(mode === 'login' ? 'signup' : 'login')}>
          {mode === 'login' ? texts.auth.toSignup : texts.auth.toLogin}
        </button>
      </form>
      <button type="button" className="secondary" data-testid="guest" disabled={busy} onClick={() => void run(api.guest)}>
        {texts.auth.guest}
      </button>
    </main>
  );
}
