import { useCallback, useEffect, useState } from 'react';
import { ApiError, type Category, type RoomQuery, type RoomSummary } from '../api';
import { Notice } from '../components/Notice';
import { navigate } from '../router';
import { useSession } from '../session';
import { texts } from '../texts';
import { CreateRoomDialog } from './CreateRoomDialog';
import { PasswordDialog } from './PasswordDialog';
import { rememberRoom, ROOM_CAPACITY } from '../room/room-storage';

/** Page 1 leaves its first grid slot to the "create" card (contract: 7 rooms on page 1, 8 later). */
const pageSize = (page: number) => (page === 1 ? 7 : 8);

export function RoomListPage() {
  const { api, user } = useSession();
  const [categories, setCategories] = useState<Category[]>([]);
  const [query, setQuery] = useState<RoomQuery>({ kind: 'all' });
  const [searchText, setSearchText] = useState('');
  const [rooms, setRooms] = useState<RoomSummary[]>([]);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(false);
  const [creating, setCreating] = useState(false);
  const [askingPassword, setAskingPassword] = useState<RoomSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const closeNotice = useCallback(() => setNotice(null), []);

  useEffect(() => {
    api.categories().then(setCategories, () => setCategories([]));
  }, [api]);

  const load = useCallback(
    async (nextQuery: RoomQuery, nextPage: number) => {
      try {
        const found = await api.rooms(nextQuery, nextPage);
        setRooms((prev) => (nextPage === 1 ? found : [...prev, ...found.filter((r) => !prev.some((p) => p.id === r.id))]));
        setPage(nextPage);
        setHasMore(found.length >= pageSize(nextPage));
      } catch (err) {
        setNotice(err instanceof ApiError ? err.message : texts.errors.generic);
      }
    },
    [api],
  );

  useEffect(() => {
    void load(query, 1);
  }, [query, load]);

  async function enter(room: RoomSummary, proof: { ticket?: string } = {}) {
    if (!user) return;
    try {
      const detail = await api.enterRoom(room.id, user.id, proof);
      rememberRoom(detail);
      navigate(`/room/${room.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ROOM_FULL') setNotice(texts.rooms.full);
      else setNotice(err instanceof ApiError ? err.message : texts.errors.generic);
      void load(query, 1);
    }
  }

  const isQuery = (kind: RoomQuery['kind'], categoryId?: number) =>
    query.kind === kind && (query.kind !== 'category' || query.categoryId === categoryId);

  return (
    <main className="room-list">
      <Notice message={notice} onClose={closeNotice} />
      <div className="filters">
        <button type="button" className={isQuery('all') ? 'chip active' : 'chip'} onClick={() => setQuery({ kind: 'all' })}>{texts.rooms.all}</button>
        <button type="button" className={isQuery('possible') ? 'chip active' : 'chip'} data-testid="filter-possible" onClick={() => setQuery({ kind: 'possible' })}>{texts.rooms.possible}</button>
        {categories.map((c) => (
          <button key={c.id} type="button" className={isQuery('category', c.id) ? 'chip active' : 'chip'} onClick={() => setQuery({ kind: 'category', categoryId: c.id })}>
            {c.name}
          </button>
        ))}
        <form
          className="search"
          onSubmit={(e) => {
            e.preventDefault();
            const text = searchText.trim();
            setQuery(text ? { kind: 'search', text } : { kind: 'all' });
          }}
        >
          <input type="search" maxLength={30} placeholder={texts.rooms.searchPlaceholder} value={searchText} onChange={(e) => setSearchText(e.target.value)} />
          <button type="submit">{texts.rooms.search}</button>
        </form>
      </div>
      <ul className="room-grid" data-testid="room-grid">
        <li className="room-card create" data-testid="create-room" onClick={() => setCreating(true)}>
          {texts.rooms.createCard}
        </li>
        {rooms.map((room) => (
          <li
            key={room.id}
            className={room.participantCnt >= ROOM_CAPACITY ? 'room-card full' : 'room-card'}
            data-testid="room-card"
            data-room-id={room.id}
            onClick={() => (room.isSecret ? setAskingPassword(room) : void enter(room))}
          >
            <span className="category">{room.category.name}</span>
            <h3>
              {room.isSecret && <span title={texts.rooms.secret}>🔒 </span>}
              {room.title}
            </h3>
            <p className="tags">{room.Tags.map((t) => `#${t.name}`).join(' ')}</p>
            <span className="people">{texts.rooms.people(room.participantCnt, ROOM_CAPACITY)}</span>
          </li>
        ))}
      </ul>
      {rooms.length === 0 && <p className="empty">{texts.rooms.empty}</p>}
      {hasMore && (
        <button type="button" className="more" onClick={() => void load(query, page + 1)}>
          {texts.rooms.more}
        </button>
      )}
      {creating && (
        <CreateRoomDialog
          categories={categories}
          onClose={() => setCreating(false)}
          onCreated={(detail) => {
            rememberRoom(detail);
            navigate(`/room/${detail.id}`);
          }}
        />
      )}
      {askingPassword && (
        <PasswordDialog
          room={askingPassword}
          onClose={() => setAskingPassword(null)}
          onTicket={(ticket) => {
            const room = askingPassword;
            setAskingPassword(null);
            void enter(room, { ticket });
          }}
        />
      )}
    </main>
  );
}
