import { useCallback, useEffect, useState } from 'react';
import type { Category, RoomQuery, RoomSummary } from '../api';
import { Notice } from '../components/Notice';
import { useSession } from '../session';
import { texts } from '../texts';
import { CreateRoomDialog } from './CreateRoomDialog';
import { PasswordDialog } from './PasswordDialog';
import { RoomFilters } from './RoomFilters';
import { RoomGrid } from './RoomGrid';
import { goToRoom, useRoomEntry } from './use-room-entry';
import { useRoomList } from './use-room-list';

export function RoomListPage() {
  const { api, user } = useSession();
  const [categories, setCategories] = useState<Category[]>([]);
  const [query, setQuery] = useState<RoomQuery>({ kind: 'all' });
  const [creating, setCreating] = useState(false);
  const [askingPassword, setAskingPassword] = useState<RoomSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const closeNotice = useCallback(() => setNotice(null), []);
  const list = useRoomList(api, query, setNotice);
  const enter = useRoomEntry(api, user, setNotice, list.reload);

  useEffect(() => {
    api.categories().then(setCategories, () => setCategories([]));
  }, [api]);

  return (
    <main className="room-list">
      <Notice message={notice} onClose={closeNotice} />
      <RoomFilters categories={categories} query={query} onQuery={setQuery} />
      <RoomGrid rooms={list.rooms} onCreate={() => setCreating(true)} onPick={(room) => (room.isSecret ? setAskingPassword(room) : void enter(room))} />
      {list.rooms.length === 0 && <p className="empty">{texts.rooms.empty}</p>}
      {list.hasMore && (
        <button type="button" className="more" onClick={list.loadMore}>
          {texts.rooms.more}
        </button>
      )}
      {creating && <CreateRoomDialog categories={categories} onClose={() => setCreating(false)} onCreated={goToRoom} />}
      {askingPassword && (
        <PasswordDialog
          room={askingPassword}
          onClose={() => setAskingPassword(null)}
          onTicket={(ticket) => {
            setAskingPassword(null);
            void enter(askingPassword, { ticket });
          }}
        />
      )}
    </main>
  );
}
