import { useCallback, useEffect, useState } from 'react';
import type { Category, RoomQuery, RoomSummary } from '../api';
import { Notice } from '../components/Notice';
import { usePageTitle } from '../components/use-page-title';
import { useSession } from '../session';
import { texts } from '../texts';
import { CreateRoomDialog } from './CreateRoomDialog';
import { PasswordDialog } from './PasswordDialog';
import { RoomFilters } from './RoomFilters';
import { RoomGrid } from './RoomGrid';
import { goToRoom, useRoomEntry } from './use-room-entry';
import { useRoomList } from './use-room-list';

function emptyText(query: RoomQuery): string {
  if (query.kind === 'search') return texts.rooms.searchEmpty(query.text);
  if (query.kind === 'category') return texts.rooms.emptyCategory;
  if (query.kind === 'possible') return texts.rooms.emptyPossible;
  return texts.rooms.empty;
}

export function RoomListPage() {
  const { api, user } = useSession();
  const [categories, setCategories] = useState<Category[]>([]);
  const [query, setQuery] = useState<RoomQuery>({ kind: 'all' });
  const [creating, setCreating] = useState(false);
  const [askingPassword, setAskingPassword] = useState<RoomSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const closeNotice = useCallback(() => setNotice(null), []);
  const list = useRoomList(api, query, setNotice);
  const enterRoom = useRoomEntry(api, user, setNotice, list.reload);
  // The card whose entry is on its way: its button shows a spinner and cannot be pressed twice.
  const [enteringId, setEnteringId] = useState<number | null>(null);
  const enter = (room: RoomSummary, proof?: { ticket?: string }) => {
    setEnteringId(room.id);
    void enterRoom(room, proof).finally(() => setEnteringId(null));
  };
  usePageTitle(query.kind === 'search' ? `${texts.rooms.searchResults(query.text)} · ${texts.appName}` : texts.titles.rooms);

  useEffect(() => {
    api.categories().then(setCategories, () => setCategories([]));
  }, [api]);

  const heading = query.kind === 'search' ? texts.rooms.searchResults(query.text) : texts.rooms.heading;
  return (
    <main className="room-list">
      <Notice message={notice} onClose={closeNotice} />
      <h1 className="page-heading">{texts.rooms.heading}</h1>
      <RoomFilters categories={categories} query={query} onQuery={setQuery} />
      {query.kind === 'search' && <h2 className="search-heading" data-testid="search-heading">{heading}</h2>}
      <div aria-live="polite" aria-busy={list.loading}>
        <RoomGrid
          label={heading}
          rooms={list.rooms}
          now={list.now}
          onCreate={() => setCreating(true)}
          enteringId={enteringId}
          onPick={(room) => (room.isSecret ? setAskingPassword(room) : enter(room))}
        />
        {list.loading && <p className="loading-line" role="status">{texts.rooms.loading}</p>}
        {!list.loading && list.rooms.length === 0 && <p className="empty">{emptyText(query)}</p>}
      </div>
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
            enter(askingPassword, { ticket });
          }}
        />
      )}
    </main>
  );
}
