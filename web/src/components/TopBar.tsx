import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Menu } from 'lucide-react';
import type { User } from '../api';
import { navigate } from '../router';
import { texts } from '../texts';

type TopBarProps = { user: User; current: 'main' | 'mypage'; onSignOut: () => void };

const go = (path: string) => (e: { preventDefault(): void }) => {
  e.preventDefault();
  navigate(path);
};

/**
 * The signed-in bar. On a wide screen the three actions sit inline; on a phone (CSS) they fold into one menu,
 * so the bar never wraps.
 */
export function TopBar({ user, current, onSignOut }: TopBarProps) {
  const isGuest = user.type === 'anon';
  return (
    <header className="topbar">
      <a className="logo" href="/main" onClick={go('/main')}>
        {texts.appName}
      </a>
      <span className="whoami" data-testid="whoami">
        {isGuest && <span className="guest-tag">{texts.nav.guestBadge}</span>}
        {user.nickname}
      </span>
      <nav className="nav-inline" aria-label={texts.nav.menu}>
        <a href="/main" className="nav-link" aria-current={current === 'main' ? 'page' : undefined} onClick={go('/main')}>
          {texts.nav.rooms}
        </a>
        <a href="/mypage" className="nav-link" data-testid="nav-mypage" aria-current={current === 'mypage' ? 'page' : undefined} onClick={go('/mypage')}>
          {texts.nav.myPage}
        </a>
        <button type="button" onClick={onSignOut}>{texts.nav.logout}</button>
      </nav>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <button type="button" className="nav-menu-trigger" aria-label={texts.nav.menu}>
            <Menu aria-hidden="true" size={22} />
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
            <DropdownMenu.Item className="menu-item" onSelect={() => navigate('/main')}>{texts.nav.rooms}</DropdownMenu.Item>
            <DropdownMenu.Item className="menu-item" onSelect={() => navigate('/mypage')}>{texts.nav.myPage}</DropdownMenu.Item>
            <DropdownMenu.Item className="menu-item" onSelect={onSignOut}>{texts.nav.logout}</DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
    </header>
  );
}

/** A guest is told they are one, and what signing up would keep. */
export function GuestBanner({ onSignUp }: { onSignUp: () => void }) {
  return (
    <div className="guest-banner" role="note">
      <span>{texts.guest.banner}</span>
      <button type="button" className="link" onClick={onSignUp}>{texts.guest.signup}</button>
    </div>
  );
}
