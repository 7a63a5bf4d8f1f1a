import { useState, type FormEvent } from 'react';
import { ApiError, type RoomSummary } from '../api';
import { useSession } from '../session';
import { texts } from '../texts';

/** Secret rooms: the password buys a short-lived ticket, which the entry then presents. */
export function PasswordDialog({ room, onClose, onTicket }: { room: RoomSummary; onClose: () => void; onTicket: (ticket: string) => void }) {
  const { api } = useSession();
  const [pwd, setPwd] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      onTicket((await api.roomTicket(room.id, pwd)).ticket);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'WRONG_ROOM_PASSWORD' ? texts.rooms.wrongPassword : err instanceof ApiError ? err.message : texts.errors.generic);
    }
  }

  return (
    <div className="modal-backdrop">
      <form className="card modal" onSubmit={(e) => void submit(e)} data-testid="password-dialog">
        <h2>🔒 {room.title}</h2>
        <input type="password" name="room-pwd" autoFocus required minLength={4} maxLength={10} placeholder={texts.rooms.passwordPrompt} value={pwd} onChange={(e) => setPwd(e.target.value)} />
        {error && <p className="error" role="alert">{error}</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>{texts.rooms.cancel}</button>
          <button type="submit" className="primary">{texts.rooms.enter}</button>
        </div>
      </form>
    </div>
  );
}
