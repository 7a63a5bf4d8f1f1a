import { Users } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { Category, RoomSummary } from '../api';
import { BusyButton } from '../components/BusyButton';
import { describeError } from '../components/error-text';
import { Field, FormError } from '../components/Field';
import { usePageTitle } from '../components/use-page-title';
import { navigate } from '../router';
import { useSession } from '../session';
import { texts } from '../texts';
import { checkAuthForm, type AuthErrors, type AuthMode } from './auth-form';
import { RoomGrid } from './RoomGrid';

const LIVE_CARDS = 3;

/** Rooms open now, readable signed out (GET /api/rooms needs no token). */
function LiveRooms() {
  const { api } = useSession();
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let stop = false;
    const read = () =>
      api.rooms({ kind: 'all' }, 1).then(
        (found) => !stop && (setRooms(found), setNow(Date.now())),
        () => !stop && setRooms((r) => r ?? []),
      );
    void read();
    const timer = window.setInterval(() => document.visibilityState === 'visible' && void read(), 5_000);
    return () => {
      stop = true;
      window.clearInterval(timer);
    };
  }, [api]);
  return (
    <section className="landing-section" aria-labelledby="live-heading">
      <h2 id="live-heading">{texts.landing.liveHeading}</h2>
      {rooms === null ? (
        <p role="status">{texts.landing.liveLoading}</p>
      ) : rooms.length === 0 ? (
        <p className="hint">{texts.landing.liveNone}</p>
      ) : (
        <>
          <p className="live-count" data-testid="live-count">
            <Users aria-hidden="true" size={18} /> {texts.landing.liveCount(rooms.length, rooms.length >= 7)}
          </p>
          <RoomGrid label={texts.landing.liveHeading} rooms={rooms.slice(0, LIVE_CARDS)} now={now} />
        </>
      )}
    </section>
  );
}

function Categories() {
  const { api } = useSession();
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    api.categories().then(setCategories, () => setCategories([]));
  }, [api]);
  if (categories.length === 0) return null;
  return (
    <section className="landing-section" aria-labelledby="categories-heading">
      <h2 id="categories-heading">{texts.landing.categoriesHeading}</h2>
      <ul className="category-list">
        {categories.map((c) => (
          <li key={c.id} className="category-item">
            <strong>{c.name}</strong>
            <span>{texts.landing.categoryBlurbs[c.key] ?? ''}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AuthCard() {
  const { api, signIn } = useSession();
  const [mode, setMode] = useState<AuthMode>(() => (new URLSearchParams(window.location.search).get('mode') === 'signup' ? 'signup' : 'login'));
  const [origin, setOrigin] = useState('');
  const [nickname, setNickname] = useState('');
  const [pwd, setPwd] = useState('');
  const [errors, setErrors] = useState<AuthErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'form' | 'guest' | null>(null);

  async function run(which: 'form' | 'guest', action: () => Promise<{ token: string }>) {
    setBusy(which);
    setFormError(null);
    try {
      await signIn((await action()).token);
      navigate('/main');
    } catch (err) {
      const { field, text } = describeError(err);
      if (which === 'form' && (field === 'origin' || field === 'nickname' || field === 'pwd')) setErrors({ [field]: text });
      else setFormError(text);
      setBusy(null);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = checkAuthForm(mode, { origin, nickname, pwd });
    setErrors(found);
    if (Object.keys(found).length) return;
    void run('form', async () => {
      // After signing up the user is logged in at once, as in the original.
      if (mode === 'signup') await api.signUp(origin.trim(), nickname.trim(), pwd);
      return api.logIn(origin.trim(), pwd);
    });
  }

  function switchMode() {
    setMode(mode === 'login' ? 'signup' : 'login');
    setErrors({});
    setFormError(null);
  }

  const signup = mode === 'signup';
  return (
    <section className="card auth-card" aria-labelledby="auth-heading">
      <h2 id="auth-heading">{signup ? texts.auth.signup : texts.auth.login}</h2>
      <form className="auth-form" noValidate onSubmit={submit} data-testid="auth-form">
        <Field label={texts.auth.email} error={errors.origin}>
          {(p) => <input {...p} name="origin" type="email" autoComplete={signup ? 'email' : 'username'} value={origin} onChange={(e) => setOrigin(e.target.value)} />}
        </Field>
        {signup && (
          <Field label={texts.auth.nickname} rule={texts.auth.nicknameRule} error={errors.nickname}>
            {(p) => <input {...p} name="nickname" maxLength={8} autoComplete="nickname" value={nickname} onChange={(e) => setNickname(e.target.value)} />}
          </Field>
        )}
        <Field label={texts.auth.password} rule={signup ? texts.auth.passwordRule : undefined} error={errors.pwd}>
          {(p) => (
            <input {...p} name="pwd" type="password" maxLength={signup ? 16 : 72} autoComplete={signup ? 'new-password' : 'current-password'} value={pwd} onChange={(e) => setPwd(e.target.value)} />
          )}
        </Field>
        <FormError message={formError} />
        <BusyButton type="submit" className="primary" busy={busy === 'form'} disabled={busy !== null}>
          {signup ? texts.auth.signup : texts.auth.login}
        </BusyButton>
      </form>
      <button type="button" className="link" onClick={switchMode}>
        {signup ? texts.auth.toLogin : texts.auth.toSignup}
      </button>
      <div className="guest-box">
        <BusyButton type="button" className="secondary" data-testid="guest" busy={busy === 'guest'} disabled={busy !== null} onClick={() => void run('guest', api.guest)}>
          {texts.auth.guest}
        </BusyButton>
        <p className="hint">{texts.auth.guestHint}</p>
      </div>
    </section>
  );
}

export function LandingPage() {
  usePageTitle(texts.titles.landing);
  return (
    <main className="landing">
      <div className="landing-hero">
        <div className="landing-intro">
          <p className="logo big" aria-hidden="true">{texts.appName}</p>
          <h1>{texts.landing.heading}</h1>
          <p className="tagline">{texts.landing.intro}</p>
          <ul className="features">
            {texts.landing.features.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </div>
        <AuthCard />
      </div>
      <LiveRooms />
      <Categories />
    </main>
  );
}
