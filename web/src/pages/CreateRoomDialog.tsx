import { useState, type FormEvent } from 'react';
import { ApiError, type Category, type RoomDetail } from '../api';
import { useSession } from '../session';
import { texts } from '../texts';
import { parseTags } from './room-tags';

export function CreateRoomDialog({ categories, onClose, onCreated }: { categories: Category[]; onClose: () => void; onCreated: (room: RoomDetail) => void }) {
  const { api } = useSession();
  const [title, setTitle] = useState('');
  const [categoryId, setCategoryId] = useState(3);
  const [tags, setTags] = useState('');
  const [isSecret, setIsSecret] = useState(false);
  const [pwd, setPwd] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      onCreated(await api.createRoom({ title: title.trim(), categoryId, tags: parseTags(tags), isSecret, pwd: isSecret ? pwd : '' }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : texts.errors.generic);
    }
  }

  return (
    <div className="modal-backdrop">
      <form className="card modal" onSubmit={(e) => void submit(e)} data-testid="create-dialog">
        <h2>{texts.create.heading}</h2>
        <input name="title" required maxLength={30} placeholder={texts.create.title} value={title} onChange={(e) => setTitle(e.target.value)} />
        <label>
          {texts.create.category}
          <select name="category" value={categoryId} onChange={(e) => setCategoryId(Number(e.target.value))}>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </label>
        <input name="tags" placeholder={texts.create.tags} value={tags} onChange={(e) => setTags(e.target.value)} />
        <label className="inline">
          <input type="checkbox" name="secret" checked={isSecret} onChange={(e) => setIsSecret(e.target.checked)} />
          {texts.create.secret}
        </label>
        {isSecret && (
          <input type="password" name="pwd" required minLength={4} maxLength={10} placeholder={texts.create.password} value={pwd} onChange={(e) => setPwd(e.target.value)} />
        )}
        {error && <p className="error" role="alert">{error}</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>{texts.create.cancel}</button>
          <button type="submit" className="primary">{texts.create.submit}</button>
        </div>
      </form>
    </div>
  );
}
