import { useEffect } from 'react';
import { navigate, useRoute } from './router';
import { useSession } from './session';
import { texts } from './texts';
import { LandingPage } from './pages/LandingPage';
import { RoomListPage } from './pages/RoomListPage';
import { RoomPage } from './room/RoomPage';
import { MyPage } from './mypage/MyPage';

export function App() {
  const route = useRoute();
  const { user, signOut } = useSession();

  // Signed-in visitors skip the landing page; signed-out ones cannot see the rest.
  useEffect(() => {
    if (user && route.name === 'landing') navigate('/main');
    if (user === null && route.name !== 'landing') navigate('/');
  }, [user, route.name]);

  if (user === undefined) return <div className="loading">…</div>;
  if (!user || route.name === 'landing') return <LandingPage />;

  return (
    <div className="app">
      {route.name !== 'room' && (
        <header className="topbar">
          <a className="logo" href="/main" onClick={(e) => (e.preventDefault(), navigate('/main'))}>
            {texts.appName}
          </a>
          <nav>
            <button type="button" onClick={() => navigate('/main')}>{texts.nav.rooms}</button>
            <button type="button" data-testid="nav-mypage" onClick={() => navigate('/mypage')}>{texts.nav.myPage}</button>
            <button type="button" onClick={() => void signOut().then(() => navigate('/'))}>{texts.nav.logout}</button>
          </nav>
          <span className="whoami" data-testid="whoami">{user.nickname}</span>
        </header>
      )}
      {route.name === 'main' && <RoomListPage />}
      {route.name === 'room' && <RoomPage key={route.roomId} roomId={route.roomId} />}
      {route.name === 'mypage' && <MyPage />}
    </div>
  );
}
