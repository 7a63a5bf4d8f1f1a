import { Lock } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { ApiError, type RoomSummary } from '../api';
import { BusyButton } from '../components/BusyButton';
import { errorText } from '../components/error-text';
import { Field } from '../components/Field';
import { Modal } from '../components/Modal';
import { useSession } from '../session';
import { texts } from '../texts';

/** Secret rooms: the password buys a short-lived ticket, which the entry then presents. */
export function PasswordDialog({ room, onClose, onTicket }: { room: RoomSummary; onClose: () => void; onTicket: (ticket: string) => void }) {
  const { api } = useSession();
  const [pwd, setPwd] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!pwd) return setError(texts.errors.required.enterPwd);
    setBusy(true);
    try {
      onTicket((await api.roomTicket(room.id, pwd)).ticket);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'WRONG_ROOM_PASSWORD' ? texts.rooms.wrongPassword : errorText(err));
      setBusy(false);
    }
  }

  const title = (
    <>
      <Lock aria-hidden="true" size={18} /> {room.title}
    </>
  );
  return (
    <Modal title={title} description={texts.rooms.passwordDescription} onClose={onClose} testId="password-dialog">
      <form className="modal-form" noValidate onSubmit={(e) => void submit(e)}>
        <Field label={texts.rooms.password} error={error}>
          {(p) => (
            <input
              {...p}
              type="password"
              name="room-pwd"
              maxLength={10}
              autoComplete="off"
              placeholder={texts.rooms.passwordPrompt}
              value={pwd}
              onChange={(e) => setPwd(e.target.value)}
            />
          )}
        </Field>
        <div className="actions">
          <button type="button" onClick={onClose}>{texts.rooms.cancel}</button>
          <BusyButton type="submit" className="primary" busy={busy}>{texts.rooms.enter}</BusyButton>
        </div>
      </form>
    </Modal>
  );
}
