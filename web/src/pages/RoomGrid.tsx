import { Lock, Plus } from 'lucide-react';
import type { RoomSummary } from '../api';
import { BusyButton } from '../components/BusyButton';
import { texts } from '../texts';
import { isFull, minutesOpen } from './room-card-view';

type RoomGridProps = { rooms: RoomSummary[]; now: number; onCreate?: () => void; onPick?: (room: RoomSummary) => void; label: string; enteringId?: number | null };

/** Filled and empty seats: the list carries counts, not members (RoomSummary has no names). */
function Seats({ n, capacity }: { n: number; capacity: number }) {
  return (
    <span className="seats" aria-hidden="true">
      {Array.from({ length: capacity }, (_, i) => (
        <span key={i} className={i < n ? 'seat taken' : 'seat'} />
      ))}
    </span>
  );
}

export function RoomCard({ room, now, onPick, entering = false }: { room: RoomSummary; now: number; onPick?: (room: RoomSummary) => void; entering?: boolean }) {
  const full = isFull(room);
  const titleId = `room-title-${room.id}`;
  return (
    <li className={full ? 'room-card full' : 'room-card'} data-testid="room-card" data-room-id={room.id} data-full={String(full)}>
      <div className="room-card-top">
        <span className="category">{room.category.name}</span>
        <span className="open-for">{texts.rooms.openFor(minutesOpen(room.createdAt, now))}</span>
      </div>
      <h3 id={titleId}>
        {room.isSecret && (
          <span className="lock" title={texts.rooms.secret} role="img" aria-label={texts.rooms.secret}>
            <Lock aria-hidden="true" size={16} />
          </span>
        )}
        {room.title}
      </h3>
      <p className="tags">{room.Tags.map((t) => `#${t.name}`).join(' ')}</p>
      <div className="room-card-bottom">
        <span className="people">
          <Seats n={room.participantCnt} capacity={room.capacity} />
          <span aria-hidden="true">{texts.rooms.people(room.participantCnt, room.capacity)}</span>
          <span className="sr-only">{texts.rooms.peopleLabel(room.participantCnt, room.capacity)}</span>
        </span>
        {onPick &&
          (full ? (
            <button type="button" className="enter" disabled aria-describedby={titleId}>
              {texts.rooms.fullBadge}
            </button>
          ) : (
            <BusyButton type="button" className="enter primary" busy={entering} aria-label={texts.rooms.enterRoom(room.title)} onClick={() => onPick(room)}>
              {texts.rooms.enter}
            </BusyButton>
          ))}
      </div>
    </li>
  );
}

/** The "create" card first, then one card per room; every action is a real button. */
export function RoomGrid({ rooms, now, onCreate, onPick, label, enteringId = null }: RoomGridProps) {
  return (
    <ul className="room-grid" data-testid="room-grid" aria-label={label}>
      {onCreate && (
        <li className="room-grid-create">
          <button type="button" className="room-card create" data-testid="create-room" onClick={onCreate}>
            <Plus aria-hidden="true" size={22} />
            {texts.rooms.createCard.replace(/^\+\s*/, '')}
          </button>
        </li>
      )}
      {rooms.map((room) => (
        <RoomCard key={room.id} room={room} now={now} onPick={onPick} entering={room.id === enteringId} />
      ))}
    </ul>
  );
}
