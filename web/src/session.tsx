import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createApi, type Api, type User } from './api';

const TOKEN_KEY = 'login-token';

type Session = {
  api: Api;
  token: string | null;
  /** Undefined while the token is being checked. */
  user: User | null | undefined;
  signIn(token: string): Promise<void>;
  signOut(): Promise<void>;
  refreshUser(): Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => localStorage.getItem(TOKEN_KEY));
  const [user, setUser] = useState<User | null | undefined>(token ? undefined : null);

  const forget = useCallback(() => {
    localStorage.removeItem(TOKEN_KEY);
    setToken(null);
    setUser(null);
  }, []);
  // The API reads the token on every call (the original captured it once, at module load, and had to reload).
  const api = useMemo(() => createApi(() => localStorage.getItem(TOKEN_KEY), forget), [forget]);

  const refreshUser = useCallback(async () => {
    try {
      setUser(await api.me());
    } catch {
      forget();
    }
  }, [api, forget]);

  useEffect(() => {
    if (token) void refreshUser();
  }, [token, refreshUser]);

  const value = useMemo<Session>(
    () => ({
      api,
      token,
      user,
      async signIn(next) {
        localStorage.setItem(TOKEN_KEY, next);
        setToken(next);
        setUser(await api.me());
      },
      async signOut() {
        await api.logOut(user?.type ?? 'local').catch(() => undefined);
        forget();
      },
      refreshUser,
    }),
    [api, token, user, forget, refreshUser],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
