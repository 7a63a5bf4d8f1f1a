import { useEffect } from 'react';
import { navigate, useRoute } from './router';
import { useSession } from './session';
import { GuestBanner, TopBar } from './components/TopBar';
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

  if (user === undefined) return <div className="loading" role="status">…</div>;
  if (!user || route.name === 'landing') return <LandingPage />;

  const signOutHome = () => void signOut().then(() => navigate('/'));
  return (
    <div className="app">
      {route.name !== 'room' && (
        <>
          <TopBar user={user} current={route.name === 'mypage' ? 'mypage' : 'main'} onSignOut={signOutHome} />
          {user.type === 'anon' && <GuestBanner onSignUp={() => void signOut().then(() => navigate('/?mode=signup'))} />}
        </>
      )}
      {route.name === 'main' && <RoomListPage />}
      {route.name === 'room' && <RoomPage key={route.roomId} roomId={route.roomId} />}
      {route.name === 'mypage' && <MyPage />}
    </div>
  );
}
