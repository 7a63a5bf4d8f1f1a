import { useEffect, useState } from 'react';

/** The few client routes; the server answers every non-/api path with the app shell, so they survive a reload. */
export type Route = { name: 'landing' } | { name: 'main' } | { name: 'room'; roomId: number } | { name: 'mypage' };

export function parseRoute(pathname: string): Route {
  const room = /^\/room\/(\d+)\/?$/.exec(pathname);
  if (room) return { name: 'room', roomId: Number(room[1]) };
  if (pathname.startsWith('/main')) return { name: 'main' };
  if (pathname.startsWith('/mypage')) return { name: 'mypage' };
  return { name: 'landing' };
}

export function navigate(path: string) {
  if (window.location.pathname === path) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}
