import type { RoomSummary } from '../api';
import { texts } from '../texts';

type RoomGridProps = { rooms: RoomSummary[]; onCreate: () => void; onPick: (room: RoomSummary) => void };

/** The "create" card first, then one card per room. */
export function RoomGrid({ rooms, onCreate, onPick }: RoomGridProps) {
  return (
    <ul className="room-grid" data-testid="room-grid">
      <li className="room-card create" data-testid="create-room" onClick={onCreate}>
        {texts.rooms.createCard}
      </li>
      {rooms.map((room) => (
        <li
          key={room.id}
          className={room.participantCnt >= room.capacity ? 'room-card full' : 'room-card'}
          data-testid="room-card"
          data-room-id={room.id}
          onClick={() => onPick(room)}
        >
          <span className="category">{room.category.name}</span>
          <h3>
            {room.isSecret && <span title={texts.rooms.secret}>🔒 </span>}
            {room.title}
          </h3>
          <p className="tags">{room.Tags.map((t) => `#${t.name}`).join(' ')}</p>
          <span className="people">{texts.rooms.people(room.participantCnt, room.capacity)}</span>
        </li>
      ))}
    </ul>
  );
}
